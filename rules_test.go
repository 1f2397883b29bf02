package parksim_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// simulated lists the packages whose results must be a pure function of
// scenario and seed: they may not read the wall clock.
var simulated = []string{"sim", "wristband", "staffing", "park", "scenarios"}

// TestEngineRules enforces two rules of DESIGN.md's engine section that no
// compiler checks: nothing that computes results reads the wall clock, and no
// code outside tests draws from math/rand's global source (every random
// number comes from a stream derived from the run's seed).
func TestEngineRules(t *testing.T) {
	clockFuncs := map[string]bool{"Now": true, "Since": true, "Until": true, "Tick": true, "After": true, "AfterFunc": true, "NewTimer": true, "NewTicker": true, "Sleep": true}
	// Constructors and types are fine; every other top-level function of
	// math/rand draws from the global source.
	randOK := map[string]bool{"New": true, "NewPCG": true, "NewChaCha8": true, "NewSource": true, "NewZipf": true, "Rand": true, "Source": true, "PCG": true, "ChaCha8": true, "Zipf": true}
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		require.NoError(t, err)
		checked++
		pkgDir := filepath.ToSlash(filepath.Dir(path))
		isSimulated := false
		for _, p := range simulated {
			isSimulated = isSimulated || pkgDir == p || strings.HasPrefix(pkgDir, p+"/")
		}
		names := map[string]string{} // local name → import path
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if p == "math/rand/v2" {
				name = "rand"
			}
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = p
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok || id.Obj != nil { // a local variable, not a package
				return true
			}
			switch names[id.Name] {
			case "time":
				require.False(t, isSimulated && clockFuncs[sel.Sel.Name],
					"%s: time.%s reads the wall clock in package %s", fset.Position(sel.Pos()), sel.Sel.Name, pkgDir)
			case "math/rand", "math/rand/v2":
				require.True(t, randOK[sel.Sel.Name],
					"%s: rand.%s draws from the global random source; use a stream from sim.Seed", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, checked, 20, "too few files checked")
}
