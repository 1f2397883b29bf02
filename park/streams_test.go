package park

import (
	"math"

	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"parksim/sim"
	"parksim/wristband"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Every random stream has its own name, declared in streams.go, and every
// place that derives a stream names it with one of those constants, never a
// literal: two kinds of draw can never share a stream by accident.
func TestStreamNamesAreUniqueAndDeclaredInOnePlace(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "streams.go", nil, 0)
	require.NoError(t, err)
	names := map[string]string{} // value → constant
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for k, id := range vs.Names {
				lit, ok := vs.Values[k].(*ast.BasicLit)
				require.True(t, ok && lit.Kind == token.STRING, "%s is a string literal", id.Name)
				v, _ := strconv.Unquote(lit.Value)
				require.True(t, strings.HasPrefix(id.Name, "stream"), "%s: stream constants are named stream…", id.Name)
				other, dup := names[v]
				require.False(t, dup, "%s and %s are both %q", other, id.Name, v)
				names[v] = id.Name
			}
		}
	}
	require.GreaterOrEqual(t, len(names), 20)

	// The calls that derive a stream from the seed, and the argument that
	// names it.
	derive := map[string]int{"Stream": 0, "StreamFor": 0, "Streams": 0, "Reset": 1, "from": 0}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, name, src, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch x := call.Fun.(type) {
			case *ast.SelectorExpr:
				fn = x.Sel.Name
			case *ast.Ident:
				fn = x.Name
			}
			k, ok := derive[fn]
			if !ok || len(call.Args) <= k {
				return true
			}
			if lit, ok := call.Args[k].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				t.Errorf("%s: stream %s named by a literal: declare it in streams.go", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
	}
}

// twoDiners is the busy park with a second restaurant, the cafe, in the
// west land: the venue the common-random-numbers tests change.
func twoDiners() *Config {
	cfg := busyPark(1500)
	cafe := counterDiner()
	cafe.ID, cafe.Zone = "cafe", 1
	cfg.Restaurants = append(cfg.Restaurants, cafe)
	return cfg
}

// drawn is what a party is given when the day is made.
type drawn struct {
	arrive, patience, leaveAt, giveUp, hungryAt, dinnerAt, gateTime, bagTime, breakAt, breakFor sim.Time
	size                                                                                        int32
	speed                                                                                       float64
	persona, mealsLeft                                                                          int8
	mobile                                                                                      bool
	booked                                                                                      int32
	budget                                                                                      wristband.Cents
}

func dayOf(t *testing.T, cfg *Config, seed uint64) ([]drawn, *lives, *Park) {
	t.Helper()
	e := sim.New(seed)
	p, err := New(e, cfg)
	require.NoError(t, err)
	d := make([]drawn, len(p.parties))
	for i := range p.parties {
		pt := &p.parties[i]
		d[i] = drawn{pt.arrive, pt.patience, pt.leaveAt, pt.giveUp, pt.hungryAt, pt.dinnerAt, pt.gateTime, pt.bagTime,
			pt.breakAt, pt.breakFor, pt.size, pt.speed, pt.persona, pt.mealsLeft, pt.mobile, pt.booked, pt.budget}
	}
	l := &lives{of: map[int32][]Happening{}}
	p.AddRecorder(l)
	e.Run()
	return d, l, p
}

// Changing one venue changes nothing that is drawn for anybody: every
// party arrives as before, with the same party, patience, meals and
// budget, and chooses its first activity as before unless someone's visit
// to the changed venue could have told on it; a change that only moves
// its own draws (the cafe's prices) changes no party's day at all.
func TestChangingOneVenueLeavesEveryOtherDraw(t *testing.T) {
	base := twoDiners()
	slower := twoDiners()
	slower.Restaurants[1].Order = sim.Exp{M: float64(3 * sim.Minute)}
	slower.Restaurants[1].Prep = sim.NewLogNormal(float64(9*sim.Minute), float64(3*sim.Minute))
	slower.Restaurants[1].Dine = sim.Uniform{Min: float64(15 * sim.Minute), Max: float64(45 * sim.Minute)}
	dearer := twoDiners()
	dearer.Restaurants[1].Meal = sim.Uniform{Min: 1200, Max: 2600}

	for seed := uint64(1); seed <= 3; seed++ {
		d0, l0, p0 := dayOf(t, base, seed)
		d1, l1, _ := dayOf(t, slower, seed)
		d2, l2, p2 := dayOf(t, dearer, seed)
		require.Equal(t, d0, d1, "seed %d: what is drawn for the parties", seed)
		require.Equal(t, d0, d2, "seed %d", seed)

		// The first visit to the cafe in either day: before it, nothing
		// about the cafe has touched anybody.
		cafe := Place{AtMeal, 1}
		first := sim.Time(math.MaxInt64)
		for _, l := range []*lives{l0, l1} {
			for _, hs := range l.of {
				for _, h := range hs {
					if h.Activity == Walking && h.Place == cafe {
						first = min(first, h.At)
					}
				}
			}
		}
		require.Less(t, first, sim.Time(math.MaxInt64), "somebody eats at the cafe")
		compared := 0
		for i := range d0 {
			a, b := l0.of[int32(i)], l1.of[int32(i)]
			require.Equal(t, a[0], b[0], "seed %d party %d arrives as before", seed, i)
			fa, fb := firstChoice(a), firstChoice(b)
			if fa == nil || fa.At >= first {
				continue
			}
			compared++
			require.NotNil(t, fb)
			require.Equal(t, *fa, *fb, "seed %d party %d's first choice, made before anyone went to the cafe", seed, i)
		}
		require.Greater(t, compared, len(d0)/2, "most first choices come before lunch")

		// Prices drawn from the cafe's own stream: every day is as before.
		for i := range d0 {
			a, b := l0.of[int32(i)], l2.of[int32(i)]
			for k := range min(len(a), len(b)) {
				require.Equal(t, a[k], b[k], "seed %d: a dearer cafe changes nobody's day: party %d, change %d", seed, i, k)
			}
			require.Equal(t, len(a), len(b), "seed %d: party %d's changes", seed, i)
		}
		s0, s2 := p0.Summary(), p2.Summary()
		require.NotEqual(t, s0.RevenueCents.Food, s2.RevenueCents.Food, "the prices did change")
	}
}

// firstChoice is the first walk a party sets off on once through the gates.
func firstChoice(hs []Happening) *Happening {
	in := false
	for k := range hs {
		h := &hs[k]
		if h.Activity == InLine && h.Place.Kind == AtGates {
			in = true
			continue
		}
		if in && h.Activity == Walking {
			return h
		}
	}
	return nil
}
