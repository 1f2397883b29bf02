package staffing

import (
	"errors"
	"fmt"
	"math"
)

// ErrPoolTooSmall is returned (wrapped) by the allocators when the pool has
// fewer servers than it takes to make every post stable.
var ErrPoolTooSmall = errors.New("staffing: pool too small to make every post stable")

// AllocateMinTotalLq splits a pool of servers across M/M/c posts so that the
// total mean queue length Σ Lq is as small as possible, and returns the server
// count per post, in the order of posts. Every server in the pool is placed.
//
// Each post first gets the fewest servers that make it stable (at least one,
// even for a post with no arrivals); each remaining server then goes to the
// post whose Lq it lowers most. Lq is convex in c, so this greedy choice is
// optimal for the total. Ties go to the lowest index, so the result is
// deterministic. With no posts the result is empty and the pool unused.
//
// Only Lambda and Mu of each post are read; the C field is ignored. Rates of
// all posts must share one time unit.
//
// It returns an error wrapping ErrPoolTooSmall when the pool cannot make every
// post stable. It panics if pool is negative or a post has a negative,
// infinite or NaN Lambda, or an Mu that is not positive and finite.
func AllocateMinTotalLq(pool int, posts []MMC) ([]int, error) {
	return allocate("AllocateMinTotalLq", pool, posts, func(p MMC) float64 {
		// Priority is what one more server saves.
		before := p.Lq()
		p.C++
		return before - p.Lq()
	})
}

// AllocateMinMaxWq splits a pool of servers across M/M/c posts so that the
// worst post's mean wait in queue Wq is as small as possible, and returns the
// server count per post, in the order of posts. Every server in the pool is
// placed.
//
// Each post first gets the fewest servers that make it stable (at least one);
// each remaining server then goes to the post with the currently highest Wq,
// since only that post can lower the maximum. This is a different optimum from
// AllocateMinTotalLq: it spends servers on a slow post with few customers that
// the total would neglect. Ties go to the lowest index.
//
// Only Lambda and Mu of each post are read; the C field is ignored. Errors and
// panics are as for AllocateMinTotalLq.
func AllocateMinMaxWq(pool int, posts []MMC) ([]int, error) {
	return allocate("AllocateMinMaxWq", pool, posts, MMC.Wq)
}

// allocate hands out the servers left after stability one at a time to the
// post with the highest priority, recomputing only the post that changed.
func allocate(name string, pool int, posts []MMC, priority func(MMC) float64) ([]int, error) {
	if pool < 0 {
		panic(fmt.Sprintf("staffing: %s pool must be >= 0, got %d", name, pool))
	}
	for i, p := range posts {
		mustNonNegative(fmt.Sprintf("%s posts[%d].Lambda", name, i), p.Lambda)
		mustPositive(fmt.Sprintf("%s posts[%d].Mu", name, i), p.Mu)
	}

	alloc := make([]int, len(posts))
	if len(posts) == 0 {
		return alloc, nil
	}
	need := 0
	for i, p := range posts {
		// Checked before converting so a huge load cannot overflow the int.
		if a := p.Lambda / p.Mu; a >= float64(pool) {
			return nil, fmt.Errorf("%w: post %d alone has offered load %.4g erlangs, pool has %d servers",
				ErrPoolTooSmall, i, a, pool)
		}
		alloc[i] = minStable(p)
		need += alloc[i]
	}
	if need > pool {
		return nil, fmt.Errorf("%w: posts need at least %d servers, pool has %d", ErrPoolTooSmall, need, pool)
	}

	prio := make([]float64, len(posts))
	for i, p := range posts {
		p.C = alloc[i]
		prio[i] = priority(p)
	}
	for range pool - need {
		best := 0
		for i := 1; i < len(prio); i++ {
			if prio[i] > prio[best] {
				best = i
			}
		}
		alloc[best]++
		p := posts[best]
		p.C = alloc[best]
		prio[best] = priority(p)
	}
	return alloc, nil
}

// minStable returns the fewest servers (at least one) with λ < cμ, using
// Stable itself as the judge so float rounding of λ/μ cannot disagree with it.
func minStable(p MMC) int {
	p.C = max(int(math.Floor(p.Lambda/p.Mu))+1, 1)
	for !p.Stable() {
		p.C++
	}
	for p.C > 1 {
		p.C--
		if !p.Stable() {
			p.C++
			break
		}
	}
	return p.C
}
