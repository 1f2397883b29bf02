package scenarios

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestHostileValues: values that are well-formed TOML but absurd must come
// back as problems with their key, never as a panic, a hang or a silently
// wrong day. Each case breaks the tiny scenario in one place.
func TestHostileValues(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     string // the start of the one problem, "" when the file is fine and must run
	}{
		{"huge hourly weights", `hourly = [3, 2, 1]`, `hourly = [1e308, 2, 1]`,
			`park.toml:31:11: arrivals.hourly[0]: 1e+308 is out of range: it must be from 0 to 1e+15`},
		{"hourly weights as large as allowed", `hourly = [3, 2, 1]`, `hourly = [1e15, 1e15, 1]`, ""},
		{"walk speed with a huge sd", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\nwalk_speed = { dist = \"lognormal\", mean = 1, sd = 1e200 }\n",
			`park.toml:33:46: guests.walk_speed.sd: 1e+200 is out of range: it must be from 0 to 5`},
		{"path far longer than any park", "to = \"west\"\n", "to = \"west\"\nlength = \"10000000000000000km\"\n",
			`park.toml:16:1: path[0].length: "10000000000000000km" is longer than 100km`},
		{"a length of 400 digits", "to = \"west\"\n", "to = \"west\"\nlength = \"" + strings.Repeat("9", 400) + "m\"\n",
			`park.toml:16:1: path[0].length: "` + strings.Repeat("9", 400) + `m" is longer than 100km`},
		{"coordinates beyond the map", `at = [-200, 0]`, `at = [-1.7e308, 0]`,
			`park.toml:11:7: zone[1].at[0]: -1.7e+308 is out of range: it must be from -100000 to 100000`},
		{"a ride of 200,000 hours", `ride_time = "2m"`, `ride_time = "200000h"`,
			`park.toml:26:1: attraction[0].ride_time: duration "200000h" is longer than 48h0m0s`},
		{"a ride of a day and a half", `ride_time = "2m"`, `ride_time = "36h"`,
			`park.toml:26:1: attraction[0].ride_time: is longer than 24h`},
		{"a vehicle a century", `capacity = "720/h"`, `dispatch_every = "47h"`,
			`park.toml:25:1: attraction[0].dispatch_every: vehicles would leave only every 47 h: at least one a day`},
		{"a capacity that rounds to nothing", `capacity = "720/h"`, `capacity = "0.000000000000001/h"`,
			`park.toml:25:1: attraction[0].capacity: vehicles would leave only every`},
		{"a capacity no loader keeps up with", `capacity = "720/h"`, `capacity = "100000000/h"`,
			`park.toml:25:1: attraction[0].capacity: vehicles would leave every 0.000288s: at most one a second (raise vehicle_capacity)`},
		{"parties of two billion", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\nparty_size = 2147483649\n",
			`park.toml:32:1: arrivals.party_size: 2.147483649e+09 is out of range: it must be from 1 to 50`},
		{"a duration without a unit", `ride_time = "2m"`, `ride_time = "0"`,
			`park.toml:26:1: attraction[0].ride_time: "0" is not a duration`},
		{"microseconds", `ride_time = "2m"`, `ride_time = "5us"`,
			`park.toml:26:1: attraction[0].ride_time: "5us" is not a duration`},
		{"a distribution without its name", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\npatience = { mean = \"45m\", sd = \"15m\" }\n",
			`park.toml:33:1: guests.patience.dist: missing: name the distribution (const, exp, uniform, lognormal or empirical)`},
		{"nothing to do elsewhere", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\nelsewhere = \"0s\"\npatience = \"0s\"\n", ""},
		{"zero ride time", `ride_time = "2m"`, `ride_time = "0s"`, ""},
		{"one guest", `guests = 500`, `guests = 1`, ""},
		{"guests beyond int64", `guests = 500`, `guests = 99999999999999999999`,
			`park.toml:29:1: arrivals.guests: 99999999999999999999 is too large: it must be from 1 to 1,000,000`},
		{"guests below int64", `guests = 500`, `guests = -99_999_999_999_999_999_999`,
			`park.toml:29:1: arrivals.guests: -99_999_999_999_999_999_999 is too small: it must be from 1 to 1,000,000`},
		{"turnstiles beyond int64 in hex", `turnstiles = 2`, `turnstiles = 0xffffffffffffffffff`,
			`park.toml:19:1: entry.turnstiles: 0xffffffffffffffffff is too large: it must be from 1 to 10,000`},
		{"a party size beyond float64", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\nparty_size = 1e999\n",
			`park.toml:32:1: arrivals.party_size: 1e999 is too large: it must be from 1 to 50`},
		{"a distribution's parameter beyond float64", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\nwalk_speed = { dist = \"lognormal\", mean = 1, sd = 1e999 }\n",
			`park.toml:33:46: guests.walk_speed.sd: 1e999 is too large: it must be from 0 to 5`},
		{"an hourly weight beyond float64", `hourly = [3, 2, 1]`, `hourly = [3, 1e999, 1]`,
			`park.toml:31:14: arrivals.hourly[1]: 1e999 is too large: it must be from 0 to 1e+15`},
		{"a dispatch interval refused, and nothing built on it", `capacity = "720/h"`, `dispatch_every = "999999999999h"`,
			`park.toml:25:1: attraction[0].dispatch_every: duration "999999999999h" is longer than 48h0m0s`},
		{"a vehicle for everybody", `vehicle_capacity = 8`, `vehicle_capacity = 100000`,
			`park.toml:25:1: attraction[0].capacity: vehicles would leave only every 139 h: at least one a day`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, tiny, tc.old)
			src := strings.Replace(tiny, tc.old, tc.new, 1)
			got := problems(t, src)
			if tc.want != "" {
				require.Len(t, got, 1, "%q", got)
				require.True(t, strings.HasPrefix(got[0], tc.want), "got  %s\nwant %s…", got[0], tc.want)
				return
			}
			require.Empty(t, got)
			s, err := Parse("park.toml", []byte(src))
			require.NoError(t, err)
			day, err := s.Build(1)
			require.NoError(t, err)
			sum := day.Run()
			require.Positive(t, sum.Guests)
			require.Less(t, sum.Events, uint64(1_000_000), "the day ran away")
		})
	}
}

// FuzzParse feeds mutated scenarios to the reader: it must answer with a
// scenario or with problems, never panic. The seed corpus runs with every
// `go test`; `go test -fuzz FuzzParse ./scenarios` explores further.
func FuzzParse(f *testing.F) {
	for _, name := range Embedded() {
		src, err := embedded.ReadFile(name + ".toml")
		require.NoError(f, err)
		f.Add(src)
	}
	f.Add([]byte(tiny))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("fuzz.toml", src)
		if err != nil {
			require.IsType(t, Problems{}, err)
			return
		}
		if s.Park.Arrivals.Guests <= 5000 {
			_, err := s.Build(1) // draws every party: must not panic either
			require.NoError(t, err)
		}
	})
}

// within runs f and fails the test if it takes longer than d or allocates
// more than maxAlloc bytes: hostile input must be refused quickly and
// cheaply. A hung f is left behind (its goroutine cannot be stopped), but the
// test fails instead of hanging.
func within(t *testing.T, d time.Duration, maxAlloc uint64, f func() error) error {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		runtime.ReadMemStats(&after)
		require.Less(t, after.TotalAlloc-before.TotalAlloc, maxAlloc, "allocated too much")
		return err
	case <-time.After(d):
		t.Fatalf("still busy after %v", d)
		return nil
	}
}

// TestHostileFiles: files built to exhaust memory or to be read for ever
// are refused before decoding, quickly, with the file (and line) named; for
// the scenario itself, an extends target and validate alike.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(src), 0o600))
		return path
	}
	const n = 20_000 // bytes of nesting: the old reader took a gigabyte on this
	deep := map[string]string{
		"inline tables":                      "x = " + strings.Repeat("{a = ", n/5) + "1" + strings.Repeat("}", n/5) + "\n",
		"arrays":                             "x = " + strings.Repeat("[", n/2) + "1" + strings.Repeat("]", n/2) + "\n",
		"dotted key":                         strings.Repeat("a.", n/2) + "a = 1\n",
		"dotted header":                      "[" + strings.Repeat("a.", n/2) + "a]\n",
		"arrays in a table late in the file": tiny + "[guests]\nlunch = " + strings.Repeat("[", n/2) + strings.Repeat("]", n/2) + "\n",
	}
	fifo := filepath.Join(dir, "fifo.toml")
	fifoErr := mkfifo(fifo)
	type tc struct {
		name, path, want string
	}
	heavy := map[string]bool{} // cases refused by the work budget: see heavyTime
	var cases []tc
	for _, name := range slices.Sorted(maps.Keys(deep)) {
		path := write(strings.ReplaceAll(name, " ", "-")+".toml", deep[name])
		line := strings.Count(deep[name], "\n") // the nesting is on the last line
		cases = append(cases,
			tc{"deep " + name, path, fmt.Sprintf("%s:%d:", path, line)},
			tc{"extends deep " + name, write("x-"+filepath.Base(path), fmt.Sprintf("extends = %q\n", path)), fmt.Sprintf("%s:%d:", path, line)})
	}
	// Files within the size cap, every line within the old depth cap, whose
	// total the decoder could not afford: refused by the scan's work budget
	// (or, nested past maxDepth, on their first line).
	// The scan that refuses these runs through up to maxWork units first,
	// recording positions as it goes: it is cheap next to the decoder, not
	// free.
	const heavyTime, heavyAlloc = 10 * time.Second, 256 << 20
	for _, h := range heavyShapes {
		if h.fits {
			continue // see TestWorstFilesWithinTheLimitsAreCheap
		}
		src := fillLines(MaxFileBytes, 0, h.line)
		path := write("heavy-"+strings.ReplaceAll(h.name, " ", "-")+".toml", src)
		c := tc{"4 MiB of " + h.name, path, path + ":1:"}
		if h.depth <= maxDepth {
			c.want, heavy[c.name] = "keys, tables and array elements", true
		}
		cases = append(cases, c)
	}
	// Two files that each fit the budget but not together: the base is
	// scanned second, and refused.
	small := func(prefix string) string {
		return fillLines(MaxFileBytes, maxWork*2/3, func(i int) string { return fmt.Sprintf("%s%d = [1, 1, 1, 1, 1, 1, 1, 1, 1]\n", prefix, i) })
	}
	base := write("half.toml", small("k"))
	cases = append(cases, tc{"extends a file that spends the budget",
		write("x-half.toml", "extends = \"half.toml\"\n"+small("j")), base + ":"})
	heavy["extends a file that spends the budget"] = true
	manyTables := write("many-tables.toml", tiny+strings.Repeat("[[foo]]\n", maxArray+1))
	cases = append(cases, tc{"many tables", manyTables, fmt.Sprintf("%s:%d:3: an array of more than 100000 elements", manyTables, strings.Count(tiny, "\n")+maxArray+1)})
	bigSrc := tiny + strings.Repeat("# padding\n", MaxFileBytes/10)
	big, bigSize := write("big.toml", bigSrc), fmt.Sprintf(": is %d bytes", len(bigSrc))
	cases = append(cases,
		tc{"oversize", big, big + bigSize + ": a scenario file may be at most 4 MiB"},
		tc{"extends oversize", write("x-big.toml", "extends = \"big.toml\"\n"), "x-big.toml:1:1: extends: " + big + bigSize},
		tc{"directory", dir, dir + ": is a directory, not a scenario file"},
		tc{"extends a directory", write("x-dir.toml", "extends = \"./\"\n"), "x-dir.toml:1:1: extends: " + dir + ": is a directory"},
	)
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases = append(cases,
			tc{"/dev/zero", "/dev/zero", "/dev/zero: is a device, not a scenario file"},
			tc{"extends /dev/zero", write("x-zero.toml", "extends = \"/dev/zero\"\n"), "x-zero.toml:1:1: extends: /dev/zero: is a device"})
	}
	if fifoErr == nil {
		cases = append(cases,
			tc{"FIFO", fifo, fifo + ": is a pipe (FIFO), not a scenario file"},
			tc{"extends a FIFO", write("x-fifo.toml", "extends = \"fifo.toml\"\n"), "x-fifo.toml:1:1: extends: " + fifo + ": is a pipe (FIFO)"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, alloc := 2*time.Second, uint64(64<<20)
			if heavy[c.name] {
				d, alloc = heavyTime, heavyAlloc
			}
			err := within(t, d, alloc, func() error { _, err := Open(c.path); return err })
			require.Error(t, err)
			var ps Problems
			require.True(t, errors.As(err, &ps), "error is %T: %v", err, err)
			require.Len(t, ps, 1, "%v", err)
			require.Contains(t, ps[0].String(), c.want)
		})
	}
	if fifoErr != nil {
		t.Logf("no FIFO case: %v", fifoErr)
	}
}

// TestParseRefusesOversizeSource: the size cap holds for source handed to
// Parse directly, not only for files.
func TestParseRefusesOversizeSource(t *testing.T) {
	src := tiny + strings.Repeat("#", MaxFileBytes)
	_, err := Parse("park.toml", []byte(src))
	require.EqualError(t, err, fmt.Sprintf("park.toml: is %d bytes: a scenario file may be at most 4 MiB (4194304 bytes)", len(src)))
}

// TestNestingAtTheLimitReads: the nesting cap leaves room for any scenario;
// a key maxDepth deep still decodes (and is then an unknown key like any other).
func TestNestingAtTheLimitReads(t *testing.T) {
	got := problems(t, tiny+"[guests]\n"+strings.Repeat("a.", maxDepth-2)+"a = 1\n")
	require.Len(t, got, 1)
	require.Contains(t, got[0], "guests.a: unknown key")
	got = problems(t, tiny+"[guests]\n"+strings.Repeat("a.", maxDepth-1)+"a = 1\n")
	require.Len(t, got, 1)
	require.Contains(t, got[0], fmt.Sprintf("nest more than %d deep", maxDepth))
}

// TestOpenHintsAtTheFileBeside: a bare name that is no embedded scenario but
// has a .toml file in the working directory says so.
func TestOpenHintsAtTheFileBeside(t *testing.T) {
	t.Chdir(t.TempDir())
	require.NoError(t, os.WriteFile("riverbend.toml", []byte(tiny), 0o600))
	_, err := Open("riverbend")
	require.ErrorContains(t, err, `no embedded scenario "riverbend"`)
	require.ErrorContains(t, err, "did you mean ./riverbend.toml?")
	_, err = Open("elsewhere")
	require.NotContains(t, err.Error(), "did you mean")
}

// TestCountCaps: validate refuses a park beyond the caps on counts, with
// the array named at its first table, and nothing else about it.
func TestCountCaps(t *testing.T) {
	var b strings.Builder
	b.WriteString(tiny)
	for i := range 201 {
		fmt.Fprintf(&b, "\n[[attraction]]\nid = \"extra-%d\"\nzone = \"west\"\nvehicle_capacity = 8\ncapacity = \"720/h\"\nride_time = \"2m\"\n", i)
	}
	require.Equal(t, []string{"park.toml:21:3: attraction: 202 [[attraction]] tables: a park may have at most 200"}, problems(t, b.String()))
	require.Equal(t, []string{"park.toml:29:1: arrivals.guests: 1,000,001 is out of range: it must be from 1 to 1,000,000"},
		problems(t, strings.Replace(tiny, "guests = 500", "guests = 1000001", 1)))
}

// TestParkAtTheZoneCapRuns: a park at the caps on zones and paths, which
// validate accepts, is also a day run finishes, and soon: every zone holds
// an attraction or a path's end, so walking distances are needed from
// many of them.
func TestParkAtTheZoneCapRuns(t *testing.T) {
	const zones, side = 5000, 50 // a 50 × 100 grid, 50 m apart
	var b strings.Builder
	b.WriteString("open = \"09:00\"\nclose = \"12:00\"\n")
	for i := range zones {
		fmt.Fprintf(&b, "[[zone]]\nid = \"z%d\"\nat = [%d, %d]\n", i, i%side*50, i/side*50)
	}
	paths := 0
	for i := range zones {
		for _, j := range []int{i + 1, i + side, i + side + 1, i + 2*side} {
			if j < zones && (j-i)%side <= 1 && (i%side+1 < side || (j-i)%side == 0) && paths < 20000 {
				fmt.Fprintf(&b, "[[path]]\nfrom = \"z%d\"\nto = \"z%d\"\n", i, j)
				paths++
			}
		}
	}
	b.WriteString("[entry]\nzone = \"z0\"\nturnstiles = 20\n")
	for a := range 200 {
		fmt.Fprintf(&b, "[[attraction]]\nid = \"a%d\"\nzone = \"z%d\"\nvehicle_capacity = 20\ncapacity = \"1200/h\"\nride_time = \"3m\"\n", a, a*997%zones)
	}
	b.WriteString("[arrivals]\nguests = 3000\nfrom = \"09:00\"\nhourly = [3, 2, 1]\n")
	require.Less(t, b.Len(), MaxFileBytes)
	err := within(t, 60*time.Second, 4<<30, func() error {
		s, err := Parse("grid.toml", []byte(b.String()))
		if err != nil {
			return err
		}
		require.Len(t, s.Park.Zones, zones)
		require.Len(t, s.Park.Paths, paths)
		day, err := s.Build(1)
		if err != nil {
			return err
		}
		require.Positive(t, day.Run().Rides)
		return nil
	})
	require.NoError(t, err)
}

// TestProblemsAreCapped: a file of thousands of mistakes reports the first
// maxProblems, sorted, and how many more there were.
func TestProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(tiny)
	b.WriteString("[guests]\n")
	for i := range 500 {
		fmt.Fprintf(&b, "junk%03d = 1\n", i)
	}
	got := problems(t, b.String())
	require.Len(t, got, maxProblems+1)
	for i, p := range got[:maxProblems] {
		require.Contains(t, p, fmt.Sprintf("guests.junk%03d: unknown key", i), "in the order of the file")
	}
	require.Equal(t, "park.toml: and 300 more problems", got[maxProblems])
}

// TestLongUnknownKeyIsCheap: the did-you-mean hint for an unknown key of
// millions of characters must not compare it letter by letter with every
// key the table knows.
func TestLongUnknownKeyIsCheap(t *testing.T) {
	src := strings.Repeat("k", 3_000_000) + " = 1\n" + tiny
	err := within(t, 2*time.Second, 256<<20, func() error { _, err := Parse("park.toml", []byte(src)); return err })
	require.ErrorContains(t, err, "park.toml:1:1: kkkk")
	require.ErrorContains(t, err, ": unknown key; the keys here are ")
}

// heavyShapes are the costliest ways found to fill a scenario file: lines of
// one shape each, nested up to depth. Read by parksim validate before the
// work budget, 4 MiB of the 31-deep ones took 0.8 to 2.4 GB and up to 23 s;
// those within 8 levels took 280 MB (small keys) to 1.2 GB (keys 8 deep).
var heavyShapes = []struct {
	name  string
	depth int
	fits  bool // 4 MiB of it is within the limits
	line  func(i int) string
}{
	{"inline tables 31 deep", 31, false, func(i int) string {
		return fmt.Sprintf("k%d = %s1%s\n", i, strings.Repeat("{a=", 30), strings.Repeat("}", 30))
	}},
	{"arrays 31 deep", 31, false, func(i int) string {
		return fmt.Sprintf("k%d = %s1%s\n", i, strings.Repeat("[", 30), strings.Repeat("]", 30))
	}},
	{"inline tables 8 deep", 8, false, func(i int) string {
		return fmt.Sprintf("k%d = %s1%s\n", i, strings.Repeat("{a = ", 7), strings.Repeat(" }", 7))
	}},
	{"dotted keys 8 long", 8, false, func(i int) string { return fmt.Sprintf("k%d%s=1\n", i, strings.Repeat(".a", 7)) }},
	{"headers 8 long", 8, false, func(i int) string { return fmt.Sprintf("[k%d%s]\n", i, strings.Repeat(".a", 7)) }},
	{"small keys", 1, true, func(i int) string { return fmt.Sprintf("k%d=1\n", i) }},
	{"array of tables headers", 1, false, func(i int) string { return fmt.Sprintf("[[t%d]]\n", i/(maxArray-1)) }},
	{"inline tables of many keys", 2, false, func(i int) string {
		var b strings.Builder
		for j := range 1000 {
			fmt.Fprintf(&b, ",b%d=1", j)
		}
		return fmt.Sprintf("k%d={%s}\n", i, b.String()[1:])
	}},
	{"arrays of 99,999 elements", 2, false, func(i int) string {
		return fmt.Sprintf("k%d=[%s1]\n", i, strings.Repeat("1,", maxArray-2))
	}},
}

// fillLines joins line(0), line(1), … while they fit in size bytes and,
// when work > 0, in that much of the scan's work budget.
func fillLines(size, work int, line func(i int) string) string {
	var b strings.Builder
	spent := 0
	for i := 0; ; i++ {
		l := line(i)
		w := scanKeys(l).work
		if b.Len()+len(l) > size || work > 0 && spent+w > work {
			return b.String()
		}
		b.WriteString(l)
		spent += w
	}
}

// TestWorstFilesWithinTheLimitsAreCheap: a file as heavy as the limits let
// it be, of each of the costliest shapes found, decodes (to problems: it is
// no park) within a bounded time and allocation. Run by parksim validate,
// the heaviest of them peaked at 290 MB of resident memory.
func TestWorstFilesWithinTheLimitsAreCheap(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes some megabytes of TOML")
	}
	for _, h := range heavyShapes {
		if h.depth > maxDepth {
			continue
		}
		t.Run(h.name, func(t *testing.T) {
			src := fillLines(MaxFileBytes, maxWork, h.line)
			require.Nil(t, scanKeys(src).limitProblem("x"), "the file must be within the limits")
			err := within(t, 20*time.Second, 1<<30, func() error { _, err := Parse("park.toml", []byte(src)); return err })
			var ps Problems
			require.True(t, errors.As(err, &ps), "error is %T: %v", err, err)
			require.Contains(t, ps.Error(), "park.toml:")
		})
	}
}

// TestHugeNumbersLeaveTheRestChecked: a number no Go number holds no longer
// stops the decoder, so the rest of the file is checked as well, and in a
// file that extends another it is still named where it was written.
func TestHugeNumbersLeaveTheRestChecked(t *testing.T) {
	src := strings.Replace(tiny, "guests = 500", "guests = 99999999999999999999", 1)
	src = strings.Replace(src, `ride_time = "2m"`, `ride_time = "0"`, 1)
	require.Equal(t, []string{
		`park.toml:26:1: attraction[0].ride_time: "0" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"`,
		`park.toml:29:1: arrivals.guests: 99999999999999999999 is too large: it must be from 1 to 1,000,000`,
	}, problems(t, src))

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "base.toml"), []byte(tiny), 0o600))
	variant := filepath.Join(dir, "variant.toml")
	require.NoError(t, os.WriteFile(variant, []byte("extends = \"base.toml\"\n[[attraction]]\nid = \"wheel\"\nzone = \"west\"\nvehicle_capacity = 1e400\ncapacity = \"720/h\"\nride_time = \"2m\"\n"), 0o600))
	_, err := Load(variant)
	require.EqualError(t, err, variant+":5:1: attraction[0].vehicle_capacity: 1e400 is too large: it must be from 1 to 100,000")
}

// TestHugeListElementsAreNamedWithTheirRange: an element of a list that
// no Go number holds, or one out of the list's range, is worded as a
// scalar key's value is, with the element's range, and every bad element
// is reported, not only the first.
func TestHugeListElementsAreNamedWithTheirRange(t *testing.T) {
	src := strings.Replace(tiny, `hourly = [3, 2, 1]`, `hourly = [8, 1e400, 18, 99999999999999999999, -1]`, 1)
	src = strings.Replace(src, `at = [-200, 0]`, `at = [1e400, -200000]`, 1)
	require.Equal(t, []string{
		`park.toml:11:7: zone[1].at[0]: 1e400 is too large: it must be from -100000 to 100000`,
		`park.toml:11:14: zone[1].at[1]: -200000 is out of range: it must be from -100000 to 100000`,
		`park.toml:31:14: arrivals.hourly[1]: 1e400 is too large: it must be from 0 to 1e+15`,
		`park.toml:31:25: arrivals.hourly[3]: 99999999999999999999 is too large: it must be from 0 to 1e+15`,
		`park.toml:31:47: arrivals.hourly[4]: -1 is out of range: it must be from 0 to 1e+15`,
	}, problems(t, src))

	src = strings.Replace(tiny, "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\nwalk_speed = { dist = \"empirical\", values = [1, 1e400], weights = [1e400, 99999999999999999999] }\n", 1)
	require.Equal(t, []string{
		`park.toml:33:49: guests.walk_speed.values[1]: 1e400 is too large: it must be from 0.2 to 5`,
		`park.toml:33:68: guests.walk_speed.weights[0]: 1e400 is too large: it must be from 0 to 1e+15`,
		`park.toml:33:75: guests.walk_speed.weights[1]: 99999999999999999999 is too large: it must be from 0 to 1e+15`,
	}, problems(t, src))
}

// TestProblemsAreNotRepeated: the reader reports a problem once, however
// many checks come to it, and nothing more about a key whose value it
// refused.
func TestProblemsAreNotRepeated(t *testing.T) {
	r := &reader{file: "park.toml", places: map[string]place{"arrivals.hourly": {file: "park.toml", pos: pos{31, 1}, key: "arrivals.hourly"}}}
	r.problem("arrivals.hourly", "weights add up to more than a float64 holds")
	r.problem("arrivals.hourly", "weights add up to more than a float64 holds")
	r.problem("arrivals.hourly", "another problem")
	top := r.root(map[string]any{"ride_time": "36h"})
	top.fail("ride_time", "is longer than 24h")
	r.problem("ride_time", "a follow-on from the default put in its place")
	require.Equal(t, "park.toml: ride_time: is longer than 24h\n"+
		"park.toml:31:1: arrivals.hourly: weights add up to more than a float64 holds\n"+
		"park.toml:31:1: arrivals.hourly: another problem", r.result().Error())
}
