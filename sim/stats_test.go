package sim

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTally(t *testing.T) {
	var s Sample
	for _, x := range []float64{2, 4, 4, 4, 5, 5, 7, 9} {
		s.Add(x)
	}
	require.Equal(t, int64(8), s.Count())
	require.InDelta(t, 5.0, s.Mean(), 1e-12)
	require.InDelta(t, 32.0/7, s.Var(), 1e-12)
	require.Equal(t, 2.0, s.Min())
	require.Equal(t, 9.0, s.Max())
	require.Equal(t, 2.0, s.Quantile(0))
	require.Equal(t, 9.0, s.Quantile(1))
	require.InDelta(t, 4.5, s.Quantile(0.5), 1e-12)
	require.InDelta(t, 7.6, s.Quantile(0.9), 1e-12) // 0.9·7 = 6.3 → 7 + 0.3·(9−7)
	s.Add(1)                                        // adding after a quantile re-sorts
	require.Equal(t, 1.0, s.Quantile(0))

	var empty Sample
	require.Equal(t, 0.0, empty.Quantile(0.5))
	require.Equal(t, 0.0, empty.Var())
}

func TestTimeWeighted(t *testing.T) {
	var w TimeWeighted
	w.Set(10, 4)
	w.Add(30, -2)
	require.InDelta(t, (4*20+2*10)/40.0, w.Mean(40), 1e-12)
	require.Equal(t, 4.0, w.Max())
	w.Reset(40, 1)
	require.Equal(t, 1.0, w.Mean(40))
	require.InDelta(t, 1.0, w.Mean(50), 1e-12)
}

func TestDistMeans(t *testing.T) {
	const seed = 11
	t.Logf("seed %d", seed)
	emp, err := NewEmpirical([]float64{1, 2, 3}, []float64{1, 0, 3})
	require.NoError(t, err)
	hist, err := NewHistogram(100, 10, []float64{1, 0, 3})
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		d    Dist
		want float64
	}{
		{"const", Const{3}, 3},
		{"exp", Exp{240000}, 240000},
		{"uniform", Uniform{1, 3}, 2},
		{"lognormal", NewLogNormal(480, 90), 480},
		{"empirical", emp, 2.5},
		{"histogram", hist, 100 + 10*(0.5*0.25+2.5*0.75)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.InDelta(t, tc.want, tc.d.Mean(), 1e-9*tc.want)
			r := Seed(seed).Stream(tc.name)
			var s Tally
			for range 200000 {
				s.Add(tc.d.Rand(r))
			}
			// Five standard errors: fails by chance far less than once in a million runs.
			require.InDelta(t, tc.want, s.Mean(), 5*s.StdDev()/math.Sqrt(200000)+1e-12)
		})
	}
	r := Seed(seed).Stream("emp")
	for range 10000 {
		require.NotEqual(t, 2.0, emp.Rand(r), "zero weight drawn")
	}
	ln := NewLogNormal(480, 90)
	r = Seed(seed).Stream("sd")
	var s Tally
	for range 200000 {
		s.Add(ln.Rand(r))
	}
	require.InDelta(t, 90, s.StdDev(), 1.5)
}

func TestHistogramStaysInItsBins(t *testing.T) {
	h, err := NewHistogram(8*float64(Hour), float64(Hour), []float64{2, 0, 1})
	require.NoError(t, err)
	r := Seed(5).Stream("h")
	counts := [3]int{}
	for range 30000 {
		v := h.Rand(r)
		require.GreaterOrEqual(t, v, 8*float64(Hour))
		require.Less(t, v, 11*float64(Hour))
		counts[int((v-8*float64(Hour))/float64(Hour))]++
	}
	require.Zero(t, counts[1], "a bin of weight 0 is never drawn")
	require.InDelta(t, 2.0, float64(counts[0])/float64(counts[2]), 0.1)
	_, err = NewHistogram(0, 0, []float64{1})
	require.EqualError(t, err, "bin width 0 is not a finite number > 0")
}

func TestMillisRefusesUnusableValues(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e300, -1e300} {
		require.Panics(t, func() { Millis(v) }, "%v", v)
	}
	require.Equal(t, Time(MaxMillis), Duration(Const{1e300}, nil), "a heavy tail is capped, not overflowed")
}

func TestEmpiricalRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		v, w []float64
		msg  string
	}{
		{nil, nil, "needs at least one value"},
		{[]float64{1, 2}, []float64{1}, "has 2 values but 1 weights"},
		{[]float64{1}, []float64{-1}, "weight -1 is not a finite number >= 0"},
		{[]float64{1}, []float64{0}, "weights add up to 0"},
		{[]float64{1, 2}, []float64{1e308, 1e308}, "weights add up to more than a float64 holds"},
	} {
		_, err := NewEmpirical(tc.v, tc.w)
		require.EqualError(t, err, tc.msg)
	}
}

func TestDurationRoundsAndClamps(t *testing.T) {
	r := Seed(1).Stream("d")
	require.Equal(t, 2*Second, Duration(Const{2000.4}, r))
	require.Equal(t, Time(0), Duration(Const{-5}, r))
	require.Equal(t, Time(0), Duration(Const{math.NaN()}, r))
}
