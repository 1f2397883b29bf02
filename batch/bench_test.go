package batch

import (
	"context"
	"fmt"
	"testing"

	"parksim/scenarios"
)

// The throughput of a batch: b.N units of the default day (replications
// 1..b.N, seeds 1..b.N) on 1 and 2 workers, against the same days run one
// by one as `parksim run` runs them. Run with -benchtime 30x for the 30
// replications of a planner's question:
//
//	go test ./batch -run '^$' -bench 'Batch|Lone' -benchtime 30x -count 5
//
// ns/op is wall time per unit, so 2 workers should take about half of 1
// worker's; units/min says the same the other way round.
func BenchmarkBatchDefault(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			e, err := Parse("bench.toml", fmt.Appendf(nil, "scenarios = [\"default\"]\nreplications = %d\nmetrics = [\"wait_minutes.p95\"]\n", max(b.N, 2)))
			if err != nil {
				b.Fatal(err)
			}
			st, err := OpenStore(b.TempDir(), e.Plan)
			if err != nil {
				b.Fatal(err)
			}
			units := e.Plan.Units(0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			n, err := e.runUnits(context.Background(), st, units, Options{Workers: workers}, func() {})
			if err != nil || n != b.N {
				b.Fatalf("ran %d of %d units: %v", n, b.N, err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Minutes(), "units/min")
		})
	}
}

// BenchmarkLoneDefault runs the same days as BenchmarkBatchDefault one
// after another, each as a lone `parksim run` does: build, run, summary.
func BenchmarkLoneDefault(b *testing.B) {
	s, err := scenarios.LoadEmbedded("default")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		day, err := s.Build(uint64(1 + i))
		if err != nil {
			b.Fatal(err)
		}
		_ = day.Run()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Minutes(), "units/min")
}
