package staffing

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// threePosts is the pool example of queueing.md: rates per minute, mean
// service 1.2, 2.5 and 3.0 minutes (loads 3.6, 4.0 and 2.7 erlangs).
func threePosts() []MMC {
	return []MMC{
		{Lambda: 3.0, Mu: 1 / 1.2},
		{Lambda: 1.6, Mu: 1 / 2.5},
		{Lambda: 0.9, Mu: 1 / 3.0},
	}
}

func totalLq(posts []MMC, alloc []int) float64 {
	s := 0.0
	for i, p := range posts {
		p.C = alloc[i]
		s += p.Lq()
	}
	return s
}

func maxWq(posts []MMC, alloc []int) float64 {
	m := 0.0
	for i, p := range posts {
		p.C = alloc[i]
		m = max(m, p.Wq())
	}
	return m
}

func TestAllocatePoolOf16(t *testing.T) {
	posts := threePosts()

	got, err := AllocateMinTotalLq(16, posts)
	require.NoError(t, err)
	require.Equal(t, []int{6, 6, 4}, got)
	assert.InDelta(t, 1.6758, totalLq(posts, got), 5e-5)

	got, err = AllocateMinMaxWq(16, posts)
	require.NoError(t, err)
	require.Equal(t, []int{5, 6, 5}, got)
}

// bruteForce tries every split of the pool over three posts: the simple
// reference the greedy allocators must match in objective value.
func bruteForce(pool int, posts []MMC, objective func([]MMC, []int) float64) float64 {
	best := math.Inf(1)
	for x := 1; x < pool; x++ {
		for y := 1; x+y < pool; y++ {
			alloc := []int{x, y, pool - x - y}
			stable := true
			for i, p := range posts {
				p.C = alloc[i]
				stable = stable && p.Stable()
			}
			if stable {
				best = min(best, objective(posts, alloc))
			}
		}
	}
	return best
}

func TestAllocateMatchesBruteForce(t *testing.T) {
	posts := threePosts()
	for pool := 12; pool <= 24; pool++ {
		t.Run(fmt.Sprintf("pool=%d", pool), func(t *testing.T) {
			got, err := AllocateMinTotalLq(pool, posts)
			require.NoError(t, err)
			assert.Equal(t, pool, got[0]+got[1]+got[2])
			assert.InDelta(t, bruteForce(pool, posts, totalLq), totalLq(posts, got), 1e-12)

			got, err = AllocateMinMaxWq(pool, posts)
			require.NoError(t, err)
			assert.Equal(t, pool, got[0]+got[1]+got[2])
			assert.InDelta(t, bruteForce(pool, posts, maxWq), maxWq(posts, got), 1e-12)
		})
	}
}

func TestAllocateTiesGoToLowestIndex(t *testing.T) {
	same := []MMC{{Lambda: 1, Mu: 1}, {Lambda: 1, Mu: 1}, {Lambda: 1, Mu: 1}}
	for _, f := range []func(int, []MMC) ([]int, error){AllocateMinTotalLq, AllocateMinMaxWq} {
		got, err := f(8, same)
		require.NoError(t, err)
		assert.Equal(t, []int{3, 3, 2}, got)
	}
}

func TestAllocateIgnoresC(t *testing.T) {
	posts := threePosts()
	posts[0].C, posts[1].C, posts[2].C = 0, -3, 100
	got, err := AllocateMinTotalLq(16, posts)
	require.NoError(t, err)
	assert.Equal(t, []int{6, 6, 4}, got)
	got, err = AllocateMinMaxWq(16, posts)
	require.NoError(t, err)
	assert.Equal(t, []int{5, 6, 5}, got)
}

func TestAllocatePoolTooSmall(t *testing.T) {
	// The posts need 4 + 5 + 3 = 12 servers just to be stable.
	for _, pool := range []int{0, 3, 11} {
		for _, f := range []func(int, []MMC) ([]int, error){AllocateMinTotalLq, AllocateMinMaxWq} {
			got, err := f(pool, threePosts())
			assert.Nil(t, got)
			assert.True(t, errors.Is(err, ErrPoolTooSmall), "pool=%d: %v", pool, err)
		}
	}
	got, err := AllocateMinTotalLq(12, threePosts())
	require.NoError(t, err)
	assert.Equal(t, []int{4, 5, 3}, got)
}

func TestAllocateEdgeCases(t *testing.T) {
	got, err := AllocateMinTotalLq(5, nil)
	require.NoError(t, err)
	assert.Empty(t, got)

	// A post with no arrivals still holds one server and gets no more.
	got, err = AllocateMinTotalLq(6, []MMC{{Lambda: 0, Mu: 1}, {Lambda: 2, Mu: 1}})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 5}, got)

	assert.Panics(t, func() { _, _ = AllocateMinTotalLq(-1, threePosts()) })
	assert.Panics(t, func() { _, _ = AllocateMinMaxWq(5, []MMC{{Lambda: 1, Mu: 0}}) })
	assert.Panics(t, func() { _, _ = AllocateMinMaxWq(5, []MMC{{Lambda: math.NaN(), Mu: 1}}) })
}

func ExampleAllocateMinTotalLq() {
	posts := []MMC{
		{Lambda: 3.0, Mu: 1 / 1.2}, // per minute
		{Lambda: 1.6, Mu: 1 / 2.5},
		{Lambda: 0.9, Mu: 1 / 3.0},
	}
	total, _ := AllocateMinTotalLq(16, posts)
	worst, _ := AllocateMinMaxWq(16, posts)
	fmt.Println("min total Lq:", total)
	fmt.Println("min worst Wq:", worst)
	// Output:
	// min total Lq: [6 6 4]
	// min worst Wq: [5 6 5]
}
