package parksim_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const module = "parksim"

// mayImport is DESIGN.md's table: the project packages each package may
// import directly. cmd/parksim may import everything.
var mayImport = map[string][]string{
	"sim":       {},
	"wristband": {"sim"},
	"staffing":  {"sim"},
	"park":      {"sim", "wristband", "staffing"},
	"scenarios": {"sim", "wristband", "staffing", "park"},
	"report":    {"sim", "wristband", "staffing", "park", "scenarios"},
	"batch":     {"sim", "wristband", "staffing", "park", "scenarios", "report"},
	"view":      {"sim", "park", "scenarios"},
}

// thirdParty is who may import which outside module (tests aside).
var thirdParty = map[string][]string{
	"github.com/BurntSushi/toml":      {"scenarios", "batch"},
	"github.com/hajimehoshi/ebiten/":  {"view"},
	"gonum.org/v1/":                   {"batch"},
	"github.com/schollz/progressbar/": {}, // cmd/parksim's progress bars
	"golang.org/x/term":               {}, // cmd/parksim: is stderr a terminal?
}

// TestImportDirection keeps the package map of DESIGN.md true: every import
// of project code goes down the table, sim uses the standard library only,
// and no grab-bag package exists.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}|{{.Standard}}|{{join .Imports \",\"}}|{{join .Deps \",\"}}", "./...").CombinedOutput()
	require.NoError(t, err, "go list: %s", out)
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "|")
		pkg := strings.TrimPrefix(strings.TrimPrefix(f[0], module), "/")
		if pkg == "" {
			continue // this test's own package
		}
		seen++
		last := pkg[strings.LastIndex(pkg, "/")+1:]
		require.NotContains(t, []string{"util", "utils", "common", "types", "models", "helpers"}, last, "%s is a grab-bag package", pkg)
		for _, imp := range strings.Split(f[2], ",") {
			switch {
			case imp == "":
			case strings.HasPrefix(imp, module+"/"):
				dep := strings.TrimPrefix(imp, module+"/")
				if pkg == "cmd/parksim" {
					continue
				}
				allowed, known := mayImport[pkg]
				require.True(t, known, "package %s is not in DESIGN.md's table: add it there and here", pkg)
				require.True(t, slices.Contains(allowed, dep), "%s may not import %s (DESIGN.md: %s may import %v)", pkg, dep, pkg, allowed)
			case !strings.Contains(strings.Split(imp, "/")[0], "."):
				// the standard library
			default:
				ok := false
				for prefix, who := range thirdParty {
					if strings.HasPrefix(imp, prefix) && (slices.Contains(who, pkg) || pkg == "cmd/parksim") {
						ok = true
					}
				}
				require.True(t, ok, "%s may not import %s", pkg, imp)
			}
		}
		if pkg == "sim" {
			for _, dep := range strings.Split(f[3], ",") {
				require.False(t, strings.Contains(strings.Split(dep, "/")[0], "."), "sim depends on %s: it may use the standard library only", dep)
			}
		}
	}
	require.GreaterOrEqual(t, seen, 6, "go list found too few packages")
}
