// Package report turns a finished day into what people and programs read:
// the printed summary and the files summary.json, attractions.csv,
// timeseries.csv and taps.csv. The command line and batch runs use the same
// writers.
//
// The rule it keeps: a report only reads a day's results through park's
// exported figures, never the park's state, and for the same day it writes
// the same bytes.
package report
