package staffing

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expected numbers are published worked values of the Erlang formulas
// (B, C and A, as tabulated in queueing texts); the tolerances match the
// digits they are printed with.

func TestErlangBSpotValues(t *testing.T) {
	tests := []struct {
		c    int
		a    float64
		want float64
	}{
		{10, 20, 0.5379631686},
		{190, 200, 0.0886968439},
		{1, 1, 0.5}, // a/(1+a)
		{5, 0, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("B(%d,%g)", tt.c, tt.a), func(t *testing.T) {
			assert.InDelta(t, tt.want, ErlangB(tt.c, tt.a), 1e-9)
		})
	}
}

func TestMMCWorkedNumbers(t *testing.T) {
	tests := []struct {
		name            string
		q               MMC
		pWait, wq, lq   float64
		load, rho, wSys float64
	}{
		{"M/M/3", MMC{Lambda: 2, Mu: 1, C: 3}, 4.0 / 9, 4.0 / 9, 8.0 / 9, 2, 2.0 / 3, 4.0/9 + 1},
		{"M/M/1", MMC{Lambda: 0.9, Mu: 1, C: 1}, 0.9, 9.0, 8.1, 0.9, 0.9, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.True(t, tt.q.Stable())
			assert.InDelta(t, tt.pWait, tt.q.PWait(), 1e-9)
			assert.InDelta(t, tt.pWait, ErlangC(tt.q.C, tt.q.Load()), 1e-9)
			assert.InDelta(t, tt.wq, tt.q.Wq(), 1e-9)
			assert.InDelta(t, tt.lq, tt.q.Lq(), 1e-9)
			assert.InDelta(t, tt.load, tt.q.Load(), 1e-12)
			assert.InDelta(t, tt.rho, tt.q.Utilization(), 1e-12)
			assert.InDelta(t, tt.wSys, tt.q.W(), 1e-9)
		})
	}
}

// 100 arrivals per 30 minutes, 3-minute service: a = 10 erlangs. Rates are per
// minute, so waits come out in minutes and are converted to seconds.
func TestMMCTenErlangs(t *testing.T) {
	tests := []struct {
		c        int
		pWait    float64
		waitSec  float64
		waitTol  float64
		within20 float64
	}{
		{11, 0.6821, 122.8, 0.05, 0.3896},
		{12, 0.4494, 40.4, 0.05, 0.6402},
		{13, 0.2853, 17.1, 0.05, 0.7956},
		{14, 0.1741, 7.84, 0.005, 0.8884},
		{15, 0.1020, 3.67, 0.005, 0.9415},
		{16, 0.0573, 1.72, 0.005, 0.9706},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("c=%d", tt.c), func(t *testing.T) {
			q := MMC{Lambda: 100.0 / 30, Mu: 1.0 / 3, C: tt.c}
			require.InDelta(t, 10, q.Load(), 1e-12)
			assert.InDelta(t, tt.pWait, q.PWait(), 5e-5)
			assert.InDelta(t, tt.waitSec, q.Wq()*60, tt.waitTol)
			assert.InDelta(t, tt.within20, q.ServedWithin(20.0/60), 5e-5)
		})
	}
}

func TestMMCUnstable(t *testing.T) {
	for _, q := range []MMC{
		{Lambda: 3, Mu: 1, C: 3}, // exactly critical
		{Lambda: 5, Mu: 1, C: 3},
	} {
		assert.False(t, q.Stable())
		assert.Equal(t, 1.0, q.PWait())
		assert.Equal(t, 1.0, ErlangC(q.C, q.Load()))
		assert.True(t, math.IsInf(q.Wq(), 1))
		assert.True(t, math.IsInf(q.Lq(), 1))
		assert.True(t, math.IsInf(q.W(), 1))
		assert.Equal(t, 0.0, q.ServedWithin(1e9))
	}
}

func TestMMCNoArrivals(t *testing.T) {
	q := MMC{Lambda: 0, Mu: 2, C: 1}
	assert.Equal(t, 0.0, q.PWait())
	assert.Equal(t, 0.0, q.Wq())
	assert.Equal(t, 0.0, q.Lq())
	assert.Equal(t, 0.5, q.W())
	assert.Equal(t, 1.0, q.ServedWithin(0))
}

func TestMisusePanics(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		f    func()
	}{
		{"ErlangB c=0", func() { ErlangB(0, 1) }},
		{"ErlangB a<0", func() { ErlangB(1, -1) }},
		{"ErlangB a NaN", func() { ErlangB(1, nan) }},
		{"ErlangC c<0", func() { ErlangC(-1, 1) }},
		{"ErlangC a +Inf", func() { ErlangC(1, math.Inf(1)) }},
		{"MMC C=0", func() { MMC{Lambda: 1, Mu: 2}.PWait() }},
		{"MMC Lambda<0", func() { MMC{Lambda: -1, Mu: 2, C: 1}.Wq() }},
		{"MMC Mu=0", func() { MMC{Lambda: 1, Mu: 0, C: 1}.Load() }},
		{"MMC Mu NaN", func() { MMC{Lambda: 1, Mu: nan, C: 1}.Stable() }},
		{"MMC ServedWithin t<0", func() { MMC{Lambda: 1, Mu: 2, C: 1}.ServedWithin(-1) }},
		{"MMCM Theta<0", func() { MMCM{Lambda: 1, Mu: 1, Theta: -1, C: 1}.Lq() }},
		{"MMCM Theta NaN", func() { MMCM{Lambda: 1, Mu: 1, Theta: nan, C: 1}.PWait() }},
		{"MMCM C=0", func() { MMCM{Lambda: 1, Mu: 1, Theta: 1}.PAbandon() }},
		{"MMCM Theta too small", func() { MMCM{Lambda: 2, Mu: 1, Theta: 1e-300, C: 1}.Lq() }},
		{"SqrtStaffing a<0", func() { SqrtStaffing(-1, 1) }},
		{"SqrtStaffing beta", func() { SqrtStaffing(1, nan) }},
		{"MinServers maxWq=0", func() { MinServers(1, 1, 0) }},
		{"MinServers mu<0", func() { MinServers(1, -1, 1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Panics(t, tt.f) })
	}
}

// erlangARef is a deliberately simple reference: the log of every state's
// weight summed over a fixed, generous range with log-sum-exp. It is slow and
// needs n to be chosen by hand, which is why the package does not use it.
func erlangARef(q MMCM, n int) (pWait, lq float64) {
	logp := make([]float64, n+1)
	for k := 1; k <= n; k++ {
		d := float64(min(k, q.C))*q.Mu + float64(max(k-q.C, 0))*q.Theta
		logp[k] = logp[k-1] + math.Log(q.Lambda/d)
	}
	top := math.Inf(-1)
	for _, l := range logp {
		top = max(top, l)
	}
	var s0, sw, sq float64
	for k, l := range logp {
		p := math.Exp(l - top)
		s0 += p
		if k >= q.C {
			sw += p
			sq += float64(k-q.C) * p
		}
	}
	return sw / s0, sq / s0
}

func TestErlangAAgainstReference(t *testing.T) {
	tests := []MMCM{
		{Lambda: 2, Mu: 1, Theta: 0.3, C: 3},
		{Lambda: 10, Mu: 1, Theta: 0.1, C: 8},   // overloaded
		{Lambda: 10, Mu: 1, Theta: 5, C: 12},    // impatient
		{Lambda: 0.5, Mu: 2, Theta: 0.01, C: 1}, // light load
		{Lambda: 200, Mu: 1, Theta: 0.5, C: 190},
		{Lambda: 2000, Mu: 1, Theta: 1, C: 1900}, // a^c/c! would overflow
		{Lambda: 50, Mu: 1, Theta: 1, C: 60},     // θ = μ: Poisson(50)
	}
	for _, q := range tests {
		t.Run(fmt.Sprintf("%+v", q), func(t *testing.T) {
			wantP, wantLq := erlangARef(q, 20000)
			assert.InDelta(t, wantP, q.PWait(), 1e-11)
			assert.InEpsilon(t, wantLq, q.Lq(), 1e-9)
		})
	}
}

// With c = 1 and λ = μ = θ = 1 the death rates are 1, 2, 3, …, so the
// stationary distribution is Poisson(1): p_n = e^{−1}/n!. Then
// P(n ≥ 1) = 1 − e^{−1}, Lq = Σ(n−1)p_n = E[n] − P(n ≥ 1) = 1 − (1 − e^{−1})
// = e^{−1}, P(abandon) = θ·Lq/λ = e^{−1}, Wq = Lq/λ = e^{−1}, and the
// throughput is λ(1 − e^{−1}) = 1 − e^{−1}, which is also μ·P(server busy).
func TestErlangAHandChecked(t *testing.T) {
	q := MMCM{Lambda: 1, Mu: 1, Theta: 1, C: 1}
	e := math.Exp(-1)
	assert.InDelta(t, 1-e, q.PWait(), 1e-14)
	assert.InDelta(t, e, q.Lq(), 1e-14)
	assert.InDelta(t, e, q.PAbandon(), 1e-14)
	assert.InDelta(t, e, q.Wq(), 1e-14)
	assert.InDelta(t, 1-e, q.Served(), 1e-14)
}

func TestErlangATinyThetaIsErlangC(t *testing.T) {
	for _, c := range []MMC{
		{Lambda: 2, Mu: 1, C: 3},
		{Lambda: 100.0 / 30, Mu: 1.0 / 3, C: 12},
		{Lambda: 0.9, Mu: 1, C: 1},
	} {
		a := MMCM{Lambda: c.Lambda, Mu: c.Mu, C: c.C, Theta: 1e-9}
		assert.InDelta(t, c.PWait(), a.PWait(), 1e-6)
		assert.InEpsilon(t, c.Lq(), a.Lq(), 1e-6)
		assert.InEpsilon(t, c.Wq(), a.Wq(), 1e-6)
		assert.Less(t, a.PAbandon(), 1e-7)

		a.Theta = 0
		assert.InDelta(t, c.PWait(), a.PWait(), 1e-15)
		assert.InDelta(t, c.Lq(), a.Lq(), 1e-12)
		assert.Equal(t, 0.0, a.PAbandon())
		assert.Equal(t, c.Lambda, a.Served())
	}
}

func TestErlangAZeroThetaUnstable(t *testing.T) {
	q := MMCM{Lambda: 5, Mu: 1, Theta: 0, C: 4}
	assert.Equal(t, 1.0, q.PWait())
	assert.True(t, math.IsInf(q.Lq(), 1))
	assert.True(t, math.IsInf(q.Wq(), 1))
	assert.Equal(t, 0.0, q.PAbandon())
	assert.Equal(t, 4.0, q.Served())
}

func TestErlangAAbandonRisesWithTheta(t *testing.T) {
	prev := 0.0
	for _, theta := range []float64{0.001, 0.01, 0.1, 0.5, 1, 2, 10} {
		q := MMCM{Lambda: 10, Mu: 1, Theta: theta, C: 10}
		pa := q.PAbandon()
		assert.Greater(t, pa, prev, "theta=%g", theta)
		prev = pa
	}
}

func TestErlangALargeLambda(t *testing.T) {
	q := MMCM{Lambda: 200, Mu: 1, Theta: 0.5, C: 190}
	pw, lq, pa, served := q.PWait(), q.Lq(), q.PAbandon(), q.Served()
	for _, v := range []float64{pw, lq, pa, served} {
		require.False(t, math.IsNaN(v) || math.IsInf(v, 0))
	}
	assert.Greater(t, pw, 0.5)
	assert.Less(t, pw, 1.0)
	// The servers can take at most cμ = 190 a time unit, so at least the excess
	// (λ − cμ)/λ = 5% must abandon; the fluid queue is (λ − cμ)/θ = 20.
	assert.GreaterOrEqual(t, pa, 0.05)
	assert.Less(t, pa, 0.1)
	assert.InDelta(t, 20, lq, 5)
	assert.LessOrEqual(t, served, 190.0)
	assert.InDelta(t, lq/200, q.Wq(), 1e-15)
}

func TestErlangANoArrivals(t *testing.T) {
	q := MMCM{Lambda: 0, Mu: 1, Theta: 1, C: 2}
	assert.Equal(t, 0.0, q.PWait())
	assert.Equal(t, 0.0, q.Lq())
	assert.Equal(t, 0.0, q.PAbandon())
	assert.Equal(t, 0.0, q.Wq())
	assert.Equal(t, 0.0, q.Served())
}

func TestSqrtStaffing(t *testing.T) {
	tests := []struct {
		a, beta float64
		want    int
	}{
		{10, 1, 14}, // 10 + 3.162…
		{100, 0.5, 105},
		{9, 0, 9},
		{0, 2, 0},
		{4, -3, 0}, // 4 − 6 < 0 is clamped
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, SqrtStaffing(tt.a, tt.beta), "a=%g beta=%g", tt.a, tt.beta)
	}
}

func TestMinServers(t *testing.T) {
	// The a = 10 table: a 20-second target needs 13 servers (17.1 s), a
	// 5-second target 15 (3.67 s).
	lambda, mu := 100.0/30, 1.0/3
	assert.Equal(t, 13, MinServers(lambda, mu, 20.0/60))
	assert.Equal(t, 15, MinServers(lambda, mu, 5.0/60))
	assert.Equal(t, 1, MinServers(0, 1, 1))

	// Whatever the inputs, the answer meets the target and one fewer does not.
	for _, lambda := range []float64{0.3, 1, 7.5, 42, 180} {
		for _, maxWq := range []float64{1e-6, 0.01, 0.5, 3} {
			c := MinServers(lambda, 1, maxWq)
			assert.LessOrEqual(t, MMC{Lambda: lambda, Mu: 1, C: c}.Wq(), maxWq)
			if c > 1 {
				assert.Greater(t, MMC{Lambda: lambda, Mu: 1, C: c - 1}.Wq(), maxWq)
			}
		}
	}
}

func ExampleMMC() {
	// Two arrivals a minute, one-minute service, three servers.
	q := MMC{Lambda: 2, Mu: 1, C: 3}
	fmt.Printf("utilization %.4f\n", q.Utilization())
	fmt.Printf("P(wait) %.6f\n", q.PWait())
	fmt.Printf("Wq %.6f min, Lq %.6f\n", q.Wq(), q.Lq())
	fmt.Printf("served within 1 min %.4f\n", q.ServedWithin(1))
	// Output:
	// utilization 0.6667
	// P(wait) 0.444444
	// Wq 0.444444 min, Lq 0.888889
	// served within 1 min 0.8365
}

func ExampleErlangB() {
	fmt.Printf("%.10f\n", ErlangB(10, 20))
	fmt.Printf("%.10f\n", ErlangB(190, 200))
	// Output:
	// 0.5379631686
	// 0.0886968439
}

func ExampleMMCM() {
	// Ten servers facing ten erlangs with a mean patience of ten minutes:
	// without abandonment this queue would be unstable.
	q := MMCM{Lambda: 10, Mu: 1, Theta: 0.1, C: 10}
	fmt.Printf("P(wait) %.4f, P(abandon) %.4f, served %.4f a minute\n",
		q.PWait(), q.PAbandon(), q.Served())
	// Output: P(wait) 0.7787, P(abandon) 0.0605, served 9.3953 a minute
}

func ExampleMinServers() {
	// 100 arrivals per 30 minutes, 3-minute service, mean wait at most 20 s.
	fmt.Println(MinServers(100.0/30, 1.0/3, 20.0/60))
	// Output: 13
}

func BenchmarkErlangC(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ErlangC(190, 180)
	}
}

func BenchmarkMMCM_Lq(b *testing.B) {
	q := MMCM{Lambda: 200, Mu: 1, Theta: 0.5, C: 190}
	b.ReportAllocs()
	for b.Loop() {
		q.Lq()
	}
}
