package batch

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var plotsOut = flag.String("plots", "", "write the test plots to this directory, to look at them")

// sweepPlan sweeps mobile ordering over four shares under two policies,
// each point compared with the policy's base.
func sweepPlan() *Plan {
	p := &Plan{
		Hash: "feed", Experiment: "mobile-order", Confidence: 0.95, FirstSeed: 100,
		Metrics:      []string{"wait_minutes.p95", "guests"},
		Replications: Replications{Count: 6},
		Sweep:        &Sweep{Key: "guests.mobile_order", Labels: []string{"0%", "25%", "50%", "75%"}},
	}
	for _, policy := range []string{"static", "greedy"} {
		base := "default/base/" + policy
		p.Alternatives = append(p.Alternatives, Alternative{ID: base, Scenario: "default", Treatment: "base", Policy: policy, Baseline: base})
		for k, label := range p.Sweep.Labels {
			v := float64(k) * 0.25
			tr := "mobile_order=" + label
			p.Alternatives = append(p.Alternatives, Alternative{
				ID: "default/" + tr + "/" + policy, Scenario: "default", Treatment: tr, Policy: policy, Baseline: base, SweepValue: &v,
			})
		}
	}
	return p
}

func sweepEffects(p *Plan) []float64 {
	effects := make([]float64, len(p.Alternatives))
	for i, alt := range p.Alternatives {
		if alt.SweepValue != nil {
			effects[i] = -8 * *alt.SweepValue
			if alt.Policy == "greedy" {
				effects[i] -= 2
			}
		}
	}
	return effects
}

// render writes every plot in every format, twice, and demands the same
// bytes both times; with -plots it keeps them to look at.
func render(t *testing.T, name string, a *Analysis) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, pl := range a.Plots() {
		for _, format := range PlotFormats {
			var b1, b2 bytes.Buffer
			require.NoError(t, pl.Write(&b1, format), pl.Stem)
			require.NoError(t, pl.Write(&b2, format), pl.Stem)
			require.Equal(t, b1.Bytes(), b2.Bytes(), "%s.%s is not the same twice", pl.Stem, format)
			require.NotEmpty(t, b1.Bytes())
			files[pl.Stem+"."+format] = b1.Bytes()
			if *plotsOut != "" && name != "" {
				dir := filepath.Join(*plotsOut, name)
				require.NoError(t, os.MkdirAll(dir, 0o755))
				require.NoError(t, os.WriteFile(filepath.Join(dir, pl.Stem+"."+format), b1.Bytes(), 0o644))
			}
		}
	}
	return files
}

func TestPlots(t *testing.T) {
	p := testPlan(12)
	a := analyzed(t, p, testOutcomes(p, 12, []float64{0, 3, -1}, true))
	files := render(t, "trains", a)
	var stems []string
	for _, pl := range a.Plots() {
		stems = append(stems, pl.Stem)
		require.NotEmpty(t, pl.Title)
	}
	require.Equal(t, []string{
		"compare-wait_minutes.p95", "difference-wait_minutes.p95",
		"compare-guests", "difference-guests",
		"compare-attractions.space-coaster.riders", "difference-attractions.space-coaster.riders",
		"waits-by-hour", "in-park-by-hour",
	}, stems)
	img, err := png.Decode(bytes.NewReader(files["waits-by-hour.png"]))
	require.NoError(t, err)
	require.Equal(t, 8*144, img.Bounds().Dx())
	svg := string(files["waits-by-hour.svg"])
	require.True(t, strings.HasPrefix(svg, "<?xml"), svg[:40])
	require.Contains(t, svg, "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
	require.NotContains(t, svg, "font-family:Liberation Sans;")
	for _, text := range []string{"hour of the day", "mean wait (minutes)", "default/second-train/static", "12:00"} {
		require.Contains(t, svg, text)
	}
	require.Contains(t, string(files["in-park-by-hour.svg"]), "guests in the park")
	require.Contains(t, string(files["compare-guests.svg"]), "(baseline)")
}

// The same outcomes in another order draw the same bytes.
func TestPlotsStable(t *testing.T) {
	p := testPlan(5)
	outs := testOutcomes(p, 5, []float64{0, 3, -1}, true)
	want := render(t, "", analyzed(t, p, outs))
	rev := make([]Outcome, len(outs))
	for i := range outs {
		rev[len(outs)-1-i] = outs[i]
	}
	require.Equal(t, want, render(t, "", analyzed(t, p, rev)))
}

func TestSweepPlots(t *testing.T) {
	p := sweepPlan()
	a := analyzed(t, p, testOutcomes(p, 6, sweepEffects(p), true))
	files := render(t, "sweep", a)
	svg := string(files["sweep-wait_minutes.p95.svg"])
	require.NotEmpty(t, svg)
	for _, text := range []string{"guests.mobile_order", "75%", "default/static", "default/greedy"} {
		require.Contains(t, svg, text)
	}
	require.Contains(t, files, "sweep-guests.png")
}

// Until summaries carry by_hour, the hourly wait is the attractions'
// hourly means weighted by their riders.
func TestHourlyWaitFallback(t *testing.T) {
	p := testPlan(4)
	with := testOutcomes(p, 4, []float64{0, 3, -1}, true)
	without := testOutcomes(p, 4, []float64{0, 3, -1}, false)
	a := analyzed(t, p, without)
	for _, o := range without {
		_, has := o.Summary["by_hour"]
		require.False(t, has)
	}
	for k, o := range without {
		for _, h := range hoursOfDay {
			got, ok := a.hourlyWait(o.Summary, h)
			require.True(t, ok)
			// The synthetic attractions wait 1.2 and 0.6 times the hour's
			// figure with 400 and 200 riders (times the hour's shape).
			byHour, _ := Lookup(with[k].Summary, "by_hour."+h+".ride_wait_mean_minutes")
			require.InDelta(t, byHour*(1.2*400+0.6*200)/600, got, 1e-9, h)
		}
	}
	_, ok := a.hourlyWait(without[0].Summary, "23:00")
	require.False(t, ok)
	// by_hour is read when it is there.
	got, ok := a.hourlyWait(with[0].Summary, "12:00")
	want, _ := Lookup(with[0].Summary, "by_hour.12:00.ride_wait_mean_minutes")
	require.True(t, ok)
	require.Equal(t, want, got)

	// Without by_hour there is a waits plot but no guests-in-park plot.
	var stems []string
	for _, pl := range a.Plots() {
		stems = append(stems, pl.Stem)
	}
	require.Contains(t, stems, "waits-by-hour")
	require.NotContains(t, stems, "in-park-by-hour")
	render(t, "fallback", a)
}

func TestPlotFormat(t *testing.T) {
	p := testPlan(2)
	a := analyzed(t, p, testOutcomes(p, 2, []float64{0, 0, 0}, true))
	err := a.Plots()[0].Write(&bytes.Buffer{}, "pdf")
	require.ErrorContains(t, err, fmt.Sprintf("%q", "pdf"))
}

func TestAxisLabel(t *testing.T) {
	require.Equal(t, "wait_minutes.p95", axisLabel("wait_minutes.p95"))
	require.Equal(t, "by_hour.12:00.wait_mean_minutes", axisLabel("restaurants.cosmic-diner.by_hour.12:00.wait_mean_minutes"))
	require.Equal(t, "a_metric_name_longer_than_forty_characters_all_told", axisLabel("x.a_metric_name_longer_than_forty_characters_all_told"))
}
