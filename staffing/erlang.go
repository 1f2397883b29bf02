package staffing

import (
	"fmt"
	"math"
)

// Misuse of these functions (fewer than one server, a negative, infinite or
// NaN rate) is a programming error in the caller, not a state of the park, so
// it panics rather than returning an error nobody could act on.

func mustServers(what string, c int) {
	if c < 1 {
		panic(fmt.Sprintf("staffing: %s must be at least 1 server, got %d", what, c))
	}
}

func mustNonNegative(what string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		panic(fmt.Sprintf("staffing: %s must be finite and >= 0, got %v", what, v))
	}
}

func mustPositive(what string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		panic(fmt.Sprintf("staffing: %s must be finite and > 0, got %v", what, v))
	}
}

// ErlangB returns the blocking probability of an M/M/c/c loss system with c
// servers and offered load a = λ/μ (in erlangs): the share of arrivals that
// find every server busy and are lost.
//
// It uses the recursion B(0) = 1, B(n) = a·B(n−1)/(n + a·B(n−1)), whose terms
// stay in [0, 1], so it neither overflows nor loses precision for large c
// the way a^c/c! would. Cost is O(c).
//
// It panics if c < 1 or a is negative, infinite or NaN.
func ErlangB(c int, a float64) float64 {
	mustServers("ErlangB c", c)
	mustNonNegative("ErlangB offered load a", a)
	return erlangB(c, a)
}

func erlangB(c int, a float64) float64 {
	b := 1.0
	for n := 1; n <= c; n++ {
		ab := a * b
		b = ab / (float64(n) + ab)
	}
	return b
}

// ErlangC returns the probability that an arrival has to wait in an M/M/c
// queue with c servers and offered load a = λ/μ (in erlangs).
//
// When c <= a the queue is unstable: it grows without bound and every arrival
// eventually waits, so ErlangC returns 1.
//
// It panics if c < 1 or a is negative, infinite or NaN.
func ErlangC(c int, a float64) float64 {
	mustServers("ErlangC c", c)
	mustNonNegative("ErlangC offered load a", a)
	if float64(c) <= a {
		return 1
	}
	return erlangCFromB(c, a, erlangB(c, a))
}

// erlangCFromB lets MinServers reuse an Erlang B value it already grew
// incrementally; it needs c > a.
func erlangCFromB(c int, a, b float64) float64 {
	cf := float64(c)
	return cf * b / (cf - a*(1-b))
}

// MMC is an M/M/c queue: Poisson arrivals at rate Lambda, exponential service
// at rate Mu per server, C identical servers, first come first served,
// unlimited waiting room and no abandonment.
//
// Rates may use any time unit as long as both use the same one; waits come
// back in that unit (arrivals per minute give waits in minutes).
//
// Every method panics if C < 1, Lambda is negative, Mu is not positive, or
// either rate is infinite or NaN.
type MMC struct {
	Lambda float64 // arrival rate, customers per time unit, >= 0
	Mu     float64 // service rate of one server, customers per time unit, > 0
	C      int     // number of servers, >= 1
}

func (q MMC) check() {
	mustNonNegative("MMC.Lambda", q.Lambda)
	mustPositive("MMC.Mu", q.Mu)
	mustServers("MMC.C", q.C)
}

// Load returns the offered load a = λ/μ in erlangs: the mean number of
// servers the arrivals would keep busy if none had to wait.
func (q MMC) Load() float64 {
	q.check()
	return q.Lambda / q.Mu
}

// Utilization returns ρ = λ/(cμ), the long-run share of time a server is
// busy. A value of 1 or more means the queue is unstable.
func (q MMC) Utilization() float64 {
	q.check()
	return q.Lambda / (float64(q.C) * q.Mu)
}

// Stable reports whether λ < cμ, i.e. whether the queue has a steady state.
func (q MMC) Stable() bool {
	q.check()
	return q.Lambda < float64(q.C)*q.Mu
}

// PWait returns the probability that an arrival has to wait (Erlang C);
// 1 when the queue is unstable.
func (q MMC) PWait() float64 {
	if !q.Stable() {
		return 1
	}
	return erlangCFromB(q.C, q.Lambda/q.Mu, erlangB(q.C, q.Lambda/q.Mu))
}

// Wq returns the mean wait in queue over all arrivals, those that wait and
// those that do not, in the time unit of the rates: C/(cμ − λ). It returns
// +Inf when the queue is unstable.
func (q MMC) Wq() float64 {
	if !q.Stable() {
		return math.Inf(1)
	}
	return q.PWait() / (float64(q.C)*q.Mu - q.Lambda)
}

// Lq returns the mean number of customers waiting (not in service), λ·Wq by
// Little's law; +Inf when the queue is unstable.
func (q MMC) Lq() float64 {
	return q.Lambda * q.Wq()
}

// W returns the mean time in the system, Wq + 1/μ, in the time unit of the
// rates; +Inf when the queue is unstable.
func (q MMC) W() float64 {
	return q.Wq() + 1/q.Mu
}

// ServedWithin returns the share of arrivals whose wait in queue is at most
// t (same time unit as the rates): 1 − C·e^{−(cμ−λ)t}. An unstable queue
// serves nobody within any finite t in the long run, so it returns 0.
//
// It panics, besides the usual misuse, if t is negative or NaN.
func (q MMC) ServedWithin(t float64) float64 {
	if math.IsNaN(t) || t < 0 {
		panic(fmt.Sprintf("staffing: MMC.ServedWithin t must be >= 0, got %v", t))
	}
	if !q.Stable() {
		return 0
	}
	return 1 - q.PWait()*math.Exp(-(float64(q.C)*q.Mu-q.Lambda)*t)
}

// MMCM is an Erlang A (M/M/c+M) queue: an M/M/c queue whose waiting customers
// abandon after an exponential patience with rate Theta (mean patience 1/θ).
// Customers in service never abandon.
//
// Rates may use any time unit as long as all three use the same one.
//
// It is solved exactly as a birth–death chain with birth rate λ and death
// rate min(n, c)·μ + max(n − c, 0)·θ. The chain is summed outward from its
// most likely state, where the (unnormalised) probability is 1, so no term can
// overflow however large λ is; each side stops once a geometric bound on the
// rest of the tail is below 1e-15 of what has been summed. At most 2^22 states
// on each side of the most likely one are summed (about a tenth of a second
// at worst). The cap binds only when θ is tiny and the servers are at or
// beyond capacity, where the queue spreads over about √(λ/θ) states around
// (λ − cμ)/θ customers; the answer is then that of the chain truncated to the
// window around the mode, and Lq may be underestimated.
//
// With θ = 0 nobody abandons and the queue is the M/M/c of MMC: when c·μ > λ
// the methods return the Erlang C answers; when c·μ <= λ the queue grows
// without bound, so PWait is 1, Lq and Wq are +Inf, PAbandon is 0 and Served
// is the saturated c·μ.
//
// Every method panics if C < 1, Lambda or Theta is negative, Mu is not
// positive, any rate is infinite or NaN, or θ > 0 is so small next to an
// overload that the most likely queue exceeds 2^52 customers (pass θ = 0 to
// ask for the unstable answer).
type MMCM struct {
	Lambda float64 // arrival rate, customers per time unit, >= 0
	Mu     float64 // service rate of one server, customers per time unit, > 0
	Theta  float64 // abandonment rate of one waiting customer (1/mean patience), >= 0
	C      int     // number of servers, >= 1
}

const (
	// chainTol is the relative size below which the rest of a tail is dropped.
	chainTol = 1e-15
	// chainSideCap bounds the states summed on each side of the mode, so a
	// pathological θ costs a tenth of a second rather than hanging.
	chainSideCap = 1 << 22
	// chainMaxMode keeps state numbers exact in float64.
	chainMaxMode = 1 << 52
)

func (q MMCM) check() {
	mustNonNegative("MMCM.Lambda", q.Lambda)
	mustPositive("MMCM.Mu", q.Mu)
	mustNonNegative("MMCM.Theta", q.Theta)
	mustServers("MMCM.C", q.C)
}

// mmcmState is the solved chain; each exported method derives from it.
type mmcmState struct {
	pWait float64 // P(n >= c)
	lq    float64 // E[(n − c)+]
}

func (q MMCM) solve() mmcmState {
	q.check()
	mmc := MMC{Lambda: q.Lambda, Mu: q.Mu, C: q.C}
	if q.Theta == 0 {
		if !mmc.Stable() {
			return mmcmState{pWait: 1, lq: math.Inf(1)}
		}
		return mmcmState{pWait: mmc.PWait(), lq: mmc.Lq()}
	}

	c := int64(q.C)
	capacity := float64(q.C) * q.Mu
	death := func(n int64) float64 {
		if n <= c {
			return float64(n) * q.Mu
		}
		return capacity + float64(n-c)*q.Theta
	}

	// The mode is the largest n with death(n) <= λ: the terms rise up to it
	// and fall after it, which is what makes the geometric tail bounds valid.
	var mode int64
	if q.Lambda < capacity {
		mode = int64(math.Floor(q.Lambda / q.Mu))
	} else {
		x := math.Floor((q.Lambda - capacity) / q.Theta)
		if x > chainMaxMode {
			panic(fmt.Sprintf("staffing: MMCM.Theta %v is too small for an overload of %v; use Theta = 0 for the unstable answer",
				q.Theta, q.Lambda-capacity))
		}
		mode = c + int64(x)
	}
	// Rounding in the divisions above may leave the mode off by one.
	for mode > 0 && death(mode) > q.Lambda {
		mode--
	}
	for death(mode+1) <= q.Lambda {
		mode++
	}

	var s0, sw, sq float64 // Σp, Σ_{n>=c} p, Σ (n−c)+ p, unnormalised
	add := func(n int64, p float64) {
		s0 += p
		if n >= c {
			sw += p
			sq += float64(n-c) * p
		}
	}
	add(mode, 1)

	// Upward: p(n+1) = p(n)·r with r = λ/death(n+1) < 1 and falling, so the
	// rest of the tail is at most p·r/(1−r), and its queue-length weight at
	// most p·(m·r/(1−r) + r/(1−r)²) with m = (n−c)+.
	p := 1.0
	for n, left := mode, chainSideCap; left > 0; n, left = n+1, left-1 {
		r := q.Lambda / death(n+1)
		g := r / (1 - r)
		m := float64(max(n-c, 0))
		tail := p * g
		tailQ := p * (m*g + g/(1-r))
		if tail <= chainTol*sw && tailQ <= chainTol*sq {
			break
		}
		p *= r
		add(n+1, p)
	}

	// Downward: p(n−1) = p(n)·s with s = death(n)/λ <= 1 and falling.
	p = 1.0
	for n, left := mode, chainSideCap; n > 0 && left > 0; n, left = n-1, left-1 {
		s := death(n) / q.Lambda
		if s < 1 {
			tail := p * s / (1 - s)
			if n-1 < c {
				if tail <= chainTol*s0 {
					break
				}
			} else if tail <= chainTol*sw && float64(n-1-c)*tail <= chainTol*sq {
				break
			}
		}
		p *= s
		add(n-1, p)
	}

	return mmcmState{pWait: sw / s0, lq: sq / s0}
}

// PWait returns P(n >= c), the probability that an arrival finds every server
// busy and has to queue (arrivals see time averages, PASTA). Some of those
// who queue abandon before service.
func (q MMCM) PWait() float64 {
	return q.solve().pWait
}

// Lq returns the mean number of customers waiting (not in service).
func (q MMCM) Lq() float64 {
	return q.solve().lq
}

// PAbandon returns the share of arrivals who give up before service, θ·Lq/λ
// (abandonments per time unit over arrivals per time unit). It is 0 when
// λ = 0 or θ = 0.
func (q MMCM) PAbandon() float64 {
	s := q.solve()
	if q.Lambda == 0 || q.Theta == 0 {
		return 0
	}
	return q.Theta * s.lq / q.Lambda
}

// Wq returns the mean time in queue over all arrivals, served or not, in the
// time unit of the rates: Lq/λ by Little's law (0 when λ = 0).
func (q MMCM) Wq() float64 {
	s := q.solve()
	if q.Lambda == 0 {
		return 0
	}
	return s.lq / q.Lambda
}

// Served returns the throughput, customers served per time unit:
// λ·(1 − PAbandon), or c·μ for the unstable θ = 0 queue.
func (q MMCM) Served() float64 {
	if q.Theta == 0 && !(MMC{Lambda: q.Lambda, Mu: q.Mu, C: q.C}).Stable() {
		return float64(q.C) * q.Mu
	}
	return q.Lambda * (1 - q.PAbandon())
}

// SqrtStaffing returns the square-root staffing rule's server count
// ceil(a + β·√a) for offered load a (erlangs) and quality-of-service
// parameter β, never less than 0. β may be negative, which only makes sense
// when customers abandon (Erlang A). The rule is an approximation: for M/M/c,
// check the result with MinServers, which can be one higher.
//
// It panics if a is negative, infinite or NaN, if β is infinite or NaN, or if
// the result does not fit in 2^52.
func SqrtStaffing(a, beta float64) int {
	mustNonNegative("SqrtStaffing offered load a", a)
	if math.IsNaN(beta) || math.IsInf(beta, 0) {
		panic(fmt.Sprintf("staffing: SqrtStaffing beta must be finite, got %v", beta))
	}
	c := math.Ceil(a + beta*math.Sqrt(a))
	if c > 1<<52 {
		panic(fmt.Sprintf("staffing: SqrtStaffing result %v is out of range", c))
	}
	return max(int(c), 0)
}

// MinServers returns the smallest number of servers c >= 1 for which an M/M/c
// queue with arrival rate λ and service rate μ per server has mean wait in
// queue Wq <= maxWq (maxWq in the time unit of the rates). It checks every
// candidate with exact Erlang C, which matters because the square-root rule
// can come out one short. Cost is O(c) overall: Erlang B is grown one server
// at a time.
//
// It panics if λ is negative, μ or maxWq is not positive, or any of them is
// infinite or NaN; maxWq = 0 would ask for infinitely many servers.
func MinServers(lambda, mu, maxWq float64) int {
	mustNonNegative("MinServers lambda", lambda)
	mustPositive("MinServers mu", mu)
	mustPositive("MinServers maxWq", maxWq)
	a := lambda / mu
	b := 1.0
	for c := 1; ; c++ {
		ab := a * b
		b = ab / (float64(c) + ab)
		capacity := float64(c) * mu
		if lambda >= capacity {
			continue
		}
		// Wq falls with c and Erlang B underflows to 0 eventually, so the
		// loop ends for any maxWq > 0.
		if erlangCFromB(c, a, b)/(capacity-lambda) <= maxWq {
			return c
		}
	}
}
