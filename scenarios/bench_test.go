package scenarios

import (
	"runtime"
	"testing"

	"parksim/park"
)

// benchDay builds and runs one embedded day per iteration and reports the
// engine's events per day and per second, and the live heap at the day's end
// (everything the day retains, so close to its peak).
func benchDay(b *testing.B, name string) {
	s, err := LoadEmbedded(name)
	if err != nil {
		b.Fatal(err)
	}
	benchScenario(b, s)
}

func benchScenario(b *testing.B, s *Scenario) { benchRun(b, s, false) }

// benchRun runs s's seed-1 day per iteration, with the invariant checker
// on when checked.
func benchRun(b *testing.B, s *Scenario, checked bool) {
	b.ReportAllocs()
	var events uint64
	var live uint64
	for b.Loop() {
		day, err := s.Build(1)
		if err != nil {
			b.Fatal(err)
		}
		var sum park.Summary
		if checked {
			if sum, err = day.RunChecked(); err != nil {
				b.Fatal(err)
			}
		} else {
			sum = day.Run()
		}
		events += sum.Events
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		live = max(live, ms.HeapAlloc)
		runtime.KeepAlive(day)
		b.StartTimer()
	}
	b.ReportMetric(float64(events)/float64(b.N), "events/day")
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(live)/(1<<20), "live-MB")
}

// BenchmarkDefaultDay runs the default day end to end (about 57,000 guests).
func BenchmarkDefaultDay(b *testing.B) { benchDay(b, "default") }

// BenchmarkDefaultDayChecked is the default day with the invariant checker
// on (parksim run --check): its cost is the difference from
// BenchmarkDefaultDay.
func BenchmarkDefaultDayChecked(b *testing.B) {
	s, err := LoadEmbedded("default")
	if err != nil {
		b.Fatal(err)
	}
	benchRun(b, s, true)
}

// BenchmarkSmallDay runs the small day end to end.
func BenchmarkSmallDay(b *testing.B) { benchDay(b, "small") }

// BenchmarkDefaultDayNoBands is the default day with the band system
// switched off: the baseline the band system's cost is measured against.
// The resort buses go with it (who stays at a resort is the band system's
// to say); tills, shops, photos and budgets stay, paid another way.
func BenchmarkDefaultDayNoBands(b *testing.B) {
	s, err := LoadEmbedded("default")
	if err != nil {
		b.Fatal(err)
	}
	s.Park.Bands, s.Park.Buses = nil, nil
	benchScenario(b, s)
}

// BenchmarkPeakDay runs the peak day end to end (about 95,000 guests).
func BenchmarkPeakDay(b *testing.B) { benchDay(b, "peak") }

// BenchmarkPeakDayPolicy runs the peak day with its roster under the
// static policy and under the optimizer: the pair measures what the
// operations loop and the optimizer's rounds cost a day (the target is
// under 10 %).
func BenchmarkPeakDayPolicy(b *testing.B) {
	s, err := LoadEmbedded("peak")
	if err != nil {
		b.Fatal(err)
	}
	for _, pol := range []string{park.StaticPolicy, "optimizer"} {
		b.Run(pol, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d, err := s.BuildWith(1, pol)
				if err != nil {
					b.Fatal(err)
				}
				d.Run()
			}
		})
	}
}
