package sim_test

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
	"parksim/staffing"
)

// These tests build the textbook M/M/c queue (and its Erlang A variant with
// exponential patience) on the engine and require the simulated means to
// cover the exact formulas of package staffing within confidence intervals
// across independent replications. They check the engine as a whole:
// event order, Resource hand-over and statistics, cancellable timers,
// Withdraw, and the random streams.

// theoryUnit is one model time unit, a minute, in engine time. Rates below are
// per minute; durations are drawn in ms with means of tens of thousands of ms,
// so rounding each draw once to a whole ms biases nothing measurable.
const theoryUnit = float64(sim.Minute)

// Replications and the Student t quantile that goes with them. The file
// makes 16 comparisons with theory; each uses the two-sided level 0.05/16, so
// that all of them together hold with 95 % (Bonferroni): a correct engine
// fails the file on at most 1 seed list in 20, not on 1 in 5 as sixteen
// separate 95 % intervals would. t(1 − 0.05/32, 19) = 3.383.
const (
	theoryReps = 20
	theoryT19  = 3.383
)

// theorySeeds is the fixed seed list every case replicates over.
var theorySeeds = func() []uint64 {
	s := make([]uint64, theoryReps)
	for i := range s {
		s[i] = 1000 + uint64(i)
	}
	return s
}()

const (
	mmcArrive sim.Kind = iota // Arg unused: the next customer walks in
	mmcStart                  // Arg = slot: the customer reached a server after queueing
	mmcDone                   // Arg = slot: service over
	mmcGiveUp                 // Arg = slot: patience ran out
)

// mmcConfig is one M/M/c(+M) queue and the length of one replication.
type mmcConfig struct {
	Lambda, Mu float64 // per minute
	Theta      float64 // abandonment rate per waiting customer, per minute; 0: nobody abandons
	C          int
	Warmup     int // customers arriving before measurement starts
	Customers  int // customers measured
}

// mmcResult is what one replication measured over the customers arriving
// after the warm-up.
type mmcResult struct {
	Wq       float64 // mean time in queue, minutes, over every measured arrival (0 for those served at once, time to give up for abandoners)
	PWait    float64 // share of measured arrivals that found no free server
	Lq       float64 // time-average number waiting (Resource.Stats) over the measurement window
	PAbandon float64 // share of measured arrivals that gave up
	ResWq    float64 // Resource.WaitTally mean, minutes: requests granted from the warm-up point to the end
	End      sim.Time
	Events   uint64
}

// mmcCustomer is the state of one customer in the system. Slots are reused
// once a customer leaves, so the table is as large as the most customers ever
// present at once.
type mmcCustomer struct {
	arrived  sim.Time
	ticket   sim.Ticket
	patience sim.Timer
	counted  bool // arrived after the warm-up
}

type mmcStation struct {
	cfg                             mmcConfig
	res                             *sim.Resource
	interarrival, service, patience sim.Exp
	arrivals, services, impatience  *rand.Rand
	cust                            []mmcCustomer
	free                            []int64
	arrived                         int       // customers that have walked in
	waits                           sim.Tally // ms, measured customers, served or abandoned
	queued, abandoned               int64     // measured customers
	lq                              float64   // Resource time-average queue over the measurement window
}

func newMMCStation(cfg mmcConfig, seed sim.Seed) *mmcStation {
	s := &mmcStation{
		cfg:          cfg,
		res:          sim.NewResource("servers", cfg.C),
		interarrival: sim.Exp{M: theoryUnit / cfg.Lambda},
		service:      sim.Exp{M: theoryUnit / cfg.Mu},
		arrivals:     seed.Stream("arrivals"),
		services:     seed.Stream("service"),
		impatience:   seed.Stream("patience"),
	}
	if cfg.Theta > 0 {
		s.patience = sim.Exp{M: theoryUnit / cfg.Theta}
	}
	return s
}

func (s *mmcStation) Handle(e *sim.Engine, ev sim.Event) {
	switch ev.Kind {
	case mmcArrive:
		s.arrive(e)
	case mmcStart:
		s.serve(e, ev.Arg)
	case mmcDone:
		s.res.Release(e)
		s.free = append(s.free, ev.Arg)
	case mmcGiveUp:
		c := &s.cust[ev.Arg]
		if !s.res.Withdraw(e, c.ticket) {
			// A server freed up at this very ms and the grant is on its way.
			return
		}
		if c.counted {
			s.abandoned++
			s.waits.Add(float64(e.Now() - c.arrived))
		}
		s.free = append(s.free, ev.Arg)
	}
}

func (s *mmcStation) arrive(e *sim.Engine) {
	n := s.arrived
	s.arrived++
	switch n {
	case s.cfg.Warmup:
		s.res.ResetStats(e.Now())
	case s.cfg.Warmup + s.cfg.Customers:
		// The window closes here. Arrivals stop, and since service is FIFO the
		// measured customers still present finish exactly as they would have.
		s.lq = s.res.Stats(e.Now()).MeanQueue
		return
	}
	e.After(sim.Duration(s.interarrival, s.arrivals), s, sim.Event{Kind: mmcArrive})

	id := s.slot()
	s.cust[id] = mmcCustomer{arrived: e.Now(), counted: n >= s.cfg.Warmup}
	t, ok := s.res.Request(e, s, sim.Event{Kind: mmcStart, Arg: id})
	if ok {
		s.serve(e, id)
		return
	}
	c := &s.cust[id]
	c.ticket = t
	if c.counted {
		s.queued++
	}
	if s.cfg.Theta > 0 {
		c.patience = e.ScheduleTimer(e.Now()+sim.Duration(s.patience, s.impatience), s, sim.Event{Kind: mmcGiveUp, Arg: id})
	}
}

// serve starts the service of a customer who holds a server.
func (s *mmcStation) serve(e *sim.Engine, id int64) {
	c := &s.cust[id]
	e.Cancel(c.patience) // the zero Timer and a timer that just fired are no-ops
	if c.counted {
		s.waits.Add(float64(e.Now() - c.arrived))
	}
	e.After(sim.Duration(s.service, s.services), s, sim.Event{Kind: mmcDone, Arg: id})
}

func (s *mmcStation) slot() int64 {
	if n := len(s.free); n > 0 {
		id := s.free[n-1]
		s.free = s.free[:n-1]
		return id
	}
	s.cust = append(s.cust, mmcCustomer{})
	return int64(len(s.cust) - 1)
}

// runMMC runs one replication to the end: until the last measured customer
// has left.
func runMMC(cfg mmcConfig, seed uint64) mmcResult {
	e := sim.New(seed)
	s := newMMCStation(cfg, e.Seed())
	e.Schedule(0, s, sim.Event{Kind: mmcArrive})
	e.Run()
	n := float64(cfg.Customers)
	return mmcResult{
		Wq:       s.waits.Mean() / theoryUnit,
		PWait:    float64(s.queued) / n,
		Lq:       s.lq,
		PAbandon: float64(s.abandoned) / n,
		ResWq:    s.res.WaitTally().Mean() / theoryUnit,
		End:      e.Now(),
		Events:   e.Processed(),
	}
}

// replicate runs one replication per seed, in parallel across engines. Every
// replication is a pure function of its seed, so the order they finish in
// does not matter.
func replicate(cfg mmcConfig, seeds []uint64) []mmcResult {
	out := make([]mmcResult, len(seeds))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, seed := range seeds {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = runMMC(cfg, seed)
		})
	}
	wg.Wait()
	return out
}

// requireCovers requires the Student t confidence interval of the replication
// means (simultaneous 95 % over the file's comparisons) to contain theory, and
// to be narrow enough (half-width under 10 % of theory) that a wrong engine
// would fall outside it.
func requireCovers(t *testing.T, what string, rs []mmcResult, get func(mmcResult) float64, theory float64) {
	t.Helper()
	require.Len(t, rs, theoryReps, "the t quantile is for %d replications", theoryReps)
	var tl sim.Tally
	for _, r := range rs {
		tl.Add(get(r))
	}
	mean := tl.Mean()
	half := theoryT19 * tl.StdDev() / math.Sqrt(float64(tl.Count()))
	t.Logf("%-8s estimate %.5f  CI [%.5f, %.5f] (±%.1f%% of theory)  theory %.5f",
		what, mean, mean-half, mean+half, 100*half/theory, theory)
	require.LessOrEqualf(t, math.Abs(mean-theory), half,
		"%s: theory %.5f outside the CI %.5f ± %.5f", what, theory, mean, half)
	require.Lessf(t, half, 0.1*theory,
		"%s: CI half-width %.5f is too wide to test against theory %.5f", what, half, theory)
}

// requireMMC checks an M/M/c case against Erlang C. Waits are reported in
// minutes times waitScale (60 for seconds). Besides the waits tallied here,
// it checks the Resource's own wait tally, which after ResetStats covers the
// requests granted from the warm-up point on (a few queued before it).
func requireMMC(t *testing.T, rs []mmcResult, q staffing.MMC, waitScale float64) {
	t.Helper()
	requireCovers(t, "P(wait)", rs, func(r mmcResult) float64 { return r.PWait }, q.PWait())
	requireCovers(t, "Wq", rs, func(r mmcResult) float64 { return r.Wq * waitScale }, q.Wq()*waitScale)
	requireCovers(t, "Wq (res)", rs, func(r mmcResult) float64 { return r.ResWq * waitScale }, q.Wq()*waitScale)
	requireCovers(t, "Lq", rs, func(r mmcResult) float64 { return r.Lq }, q.Lq())
}

func runTheoryCase(t *testing.T, cfg mmcConfig) []mmcResult {
	t.Helper()
	t.Logf("λ=%v μ=%v θ=%v c=%d per minute; %d replications of %d customers after a warm-up of %d; seeds %v",
		cfg.Lambda, cfg.Mu, cfg.Theta, cfg.C, theoryReps, cfg.Customers, cfg.Warmup, theorySeeds)
	return replicate(cfg, theorySeeds)
}

func TestTheoryMM1(t *testing.T) {
	q := staffing.MMC{Lambda: 0.9, Mu: 1, C: 1}
	require.InDelta(t, 9.0, q.Wq(), 1e-12)
	// At ρ = 0.9 the queue forgets its past slowly (relaxation time about
	// 1/(μ(1−√ρ)²) ≈ 380 service times): with 10⁵ customers per replication the
	// interval on Wq is ±3.3 %, twice that of the other cases. 4·10⁵ customers
	// bring it to ±1.5 % rather than accepting a looser test.
	rs := runTheoryCase(t, mmcConfig{Lambda: q.Lambda, Mu: q.Mu, C: q.C, Warmup: 10_000, Customers: 400_000})
	requireMMC(t, rs, q, 1)
}

func TestTheoryMM3(t *testing.T) {
	q := staffing.MMC{Lambda: 2, Mu: 1, C: 3}
	require.InDelta(t, 4.0/9, q.PWait(), 1e-12)
	require.InDelta(t, 4.0/9, q.Wq(), 1e-12)
	require.InDelta(t, 8.0/9, q.Lq(), 1e-12)
	rs := runTheoryCase(t, mmcConfig{Lambda: q.Lambda, Mu: q.Mu, C: q.C, Warmup: 10_000, Customers: 100_000})
	requireMMC(t, rs, q, 1)
}

func TestTheoryMMc12(t *testing.T) {
	// 100 arrivals per 30 minutes, 3-minute service (a = 10), 12 servers.
	q := staffing.MMC{Lambda: 100.0 / 30, Mu: 1.0 / 3, C: 12}
	require.InDelta(t, 0.4494, q.PWait(), 5e-5, "queueing.md worked number")
	require.InDelta(t, 40.4, q.Wq()*60, 0.05, "queueing.md worked number, seconds")
	rs := runTheoryCase(t, mmcConfig{Lambda: q.Lambda, Mu: q.Mu, C: q.C, Warmup: 10_000, Customers: 100_000})
	requireMMC(t, rs, q, 60)
}

func TestTheoryErlangA(t *testing.T) {
	q := staffing.MMCM{Lambda: 2, Mu: 1, Theta: 0.5, C: 2}
	rs := runTheoryCase(t, mmcConfig{Lambda: q.Lambda, Mu: q.Mu, Theta: q.Theta, C: q.C, Warmup: 10_000, Customers: 100_000})
	requireCovers(t, "P(wait)", rs, func(r mmcResult) float64 { return r.PWait }, q.PWait())
	requireCovers(t, "P(aband)", rs, func(r mmcResult) float64 { return r.PAbandon }, q.PAbandon())
	requireCovers(t, "Wq", rs, func(r mmcResult) float64 { return r.Wq }, q.Wq())
	requireCovers(t, "Lq", rs, func(r mmcResult) float64 { return r.Lq }, q.Lq())
}

func TestTheorySameSeed(t *testing.T) {
	// Erlang A exercises every event kind, timer cancellation and Withdraw.
	cfg := mmcConfig{Lambda: 2, Mu: 1, Theta: 0.5, C: 2, Warmup: 1_000, Customers: 10_000}
	const seed, other = 42, 43
	t.Logf("seeds %d (twice) and %d", seed, other)
	a, b := runMMC(cfg, seed), runMMC(cfg, seed)
	require.Equal(t, a, b, "same seed, same run")
	for _, x := range []float64{a.Wq, a.PWait, a.Lq, a.PAbandon} {
		require.False(t, math.IsNaN(x))
	}
	require.Equal(t, math.Float64bits(a.Wq), math.Float64bits(b.Wq))
	require.Equal(t, math.Float64bits(a.Lq), math.Float64bits(b.Lq))
	c := runMMC(cfg, other)
	t.Logf("seed %d: %+v", seed, a)
	t.Logf("seed %d: %+v", other, c)
	require.NotEqual(t, a, c, "different seeds, different runs")
	require.NotEqual(t, a.Wq, c.Wq)
	require.NotEqual(t, a.Lq, c.Lq)
	require.NotEqual(t, a.End, c.End)
}
