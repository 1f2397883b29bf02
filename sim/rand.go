package sim

import "math/rand/v2"

// Seed is a run's master seed. Every random number of a run comes from a
// stream derived from it by name, so adding a stream never shifts another,
// and two runs on the same seed meet the same guests making the same choices
// (common random numbers) whatever else differs between them.
type Seed uint64

// Stream returns a new generator whose sequence depends only on the seed and
// name. Two calls with the same name return independent generators that
// produce the same sequence.
func (s Seed) Stream(name string) *rand.Rand {
	return s.StreamFor(name, 0)
}

// StreamFor returns the generator of entity id in the family name (for
// example the stream of party 812): its sequence depends only on the seed,
// name and id.
func (s Seed) StreamFor(name string, id int) *rand.Rand {
	return rand.New(rand.NewPCG(s.state(name, id)))
}

// Reset sets pcg to the start of stream (name, id), so that a generator
// built on it draws exactly what StreamFor(name, id) would. It lets a caller
// draw one value from each of many short streams (an attribute of every
// party) without allocating a generator each: math/rand/v2's Rand keeps no
// state of its own beyond its source.
func (s Seed) Reset(pcg *rand.PCG, name string, id int) {
	pcg.Seed(s.state(name, id))
}

func (s Seed) state(name string, id int) (uint64, uint64) {
	k := mix(uint64(s) ^ mix(fnv64(name)))
	return mix(k + uint64(id)), mix(k ^ 0x9e3779b97f4a7c15 + uint64(id)*0xbf58476d1ce4e5b9)
}

// fnv64 is FNV-1a: stable across Go releases, unlike hash/maphash.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix is the splitmix64 finaliser: a bijection that spreads nearby inputs
// (seed 1, seed 2; party 7, party 8) far apart.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Streams returns the generators of entities 0..n-1 of family name (what
// StreamFor(name, id) returns for each id), allocated together: a day with
// tens of thousands of parties makes one allocation, not one per party.
func (s Seed) Streams(name string, n int) []rand.Rand {
	pcgs := make([]rand.PCG, n)
	out := make([]rand.Rand, n)
	for i := range pcgs {
		pcgs[i].Seed(s.state(name, i))
		out[i] = *rand.New(&pcgs[i])
	}
	return out
}
