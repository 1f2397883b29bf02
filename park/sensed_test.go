package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// postedNow is attraction a's board at now worked out from an exact count of
// its lines taken now, as a park whose count reached the view at once.
func postedNow(p *Park, a int, now sim.Time) sim.Time {
	guests, parties := p.trueLine(a)
	p.view.lines[a] = LineReading{At: now, Guests: float64(guests), Parties: float64(parties)}
	return p.boardWait(a, now)
}

var _ = testing.T{}
var _ = require.Equal
