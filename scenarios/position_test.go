package scenarios

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/require"
)

// posScenario exercises every construct keyPositions must handle. Line
// numbers are noted in posScenarioWant; keep both in step when editing.
const posScenario = `# Saturday peak scenario for the north gate.
name = "Saturday peak"
seed = 42 # fixed so runs are reproducible
label = "say \"hi\" # not a comment"
notes = """
Notes may hold # hashes, key = value lines,
[brackets], [[tables]] and ""quotes"" \""" too.
She said "bye"""""
motto = '''C:\no\escapes # here
= ['''
after = 1

[entry]
turnstiles = 30
service = { dist = "exp", mean = "4m", burst = { size = 3, every = "1h" } }
queue . max = 500
"gate\"name" = 'North "A" # 1'
greeting = { fr = "café", de = "Grüße" }

[arrivals]
hourly = [
  5, 10, # morning, [not] a value
  40,
]
matrix = [[1, 2], [3]]
labels = ["a]", '#b', """c"""]

[arrivals.by_time]
"09:00" = 3
'10:30' = 7

[[attraction]]
id = "coaster"
zone = "west"
capacity.per_hour = 1200

[[attraction.slot]]
start = "10:00"

[[attraction.slot]]
start = "11:00"

[attraction.ride]
minutes = 3

[[attraction]]
id = "wheel"
zones = [{ id = "a" }, { id = "b", tags = ["x", "y"] }]

[[attraction.slot]]
start = "12:00"

[ staff . shifts ]
morning = 12
`

// posScenarioWant was counted by hand from posScenario.
var posScenarioWant = map[string]pos{
	// Top-level keys, around multi-line strings full of look-alikes.
	"name":  {2, 1},
	"seed":  {3, 1},
	"label": {4, 1},
	"notes": {5, 1},
	"motto": {9, 1},
	"after": {11, 1},

	// A table header points at its first key character.
	"entry":            {13, 2},
	"entry.turnstiles": {14, 1},

	// Inline tables, nested.
	"entry.service":             {15, 1},
	"entry.service.dist":        {15, 13},
	"entry.service.mean":        {15, 27},
	"entry.service.burst":       {15, 40},
	"entry.service.burst.size":  {15, 50},
	"entry.service.burst.every": {15, 60},

	// Dotted key with blanks around the dot, and its implicit prefix.
	"entry.queue":     {16, 1},
	"entry.queue.max": {16, 1},

	// Quoted key with an escape.
	`entry.gate"name`: {17, 1},

	// Columns count runes: "café" is 6 runes but 7 bytes.
	"entry.greeting.fr": {18, 14},
	"entry.greeting.de": {18, 27},

	// Multi-line array with a comment and a trailing comma.
	"arrivals":           {20, 2},
	"arrivals.hourly":    {21, 1},
	"arrivals.hourly[0]": {22, 3},
	"arrivals.hourly[1]": {22, 6},
	"arrivals.hourly[2]": {23, 3},

	// Nested arrays.
	"arrivals.matrix":       {25, 1},
	"arrivals.matrix[0]":    {25, 11},
	"arrivals.matrix[0][0]": {25, 12},
	"arrivals.matrix[0][1]": {25, 15},
	"arrivals.matrix[1]":    {25, 19},
	"arrivals.matrix[1][0]": {25, 20},

	// Array elements are strings containing ] and #.
	"arrivals.labels[0]": {26, 11},
	"arrivals.labels[1]": {26, 17},
	"arrivals.labels[2]": {26, 23},

	// Sub-table and quoted keys, basic and literal.
	"arrivals.by_time":       {28, 2},
	"arrivals.by_time.09:00": {29, 1},
	"arrivals.by_time.10:30": {30, 1},

	// Arrays of tables, nested, with a sub-table of the last element.
	"attraction":                      {32, 3},
	"attraction[0]":                   {32, 3},
	"attraction[0].id":                {33, 1},
	"attraction[0].zone":              {34, 1},
	"attraction[0].capacity":          {35, 1},
	"attraction[0].capacity.per_hour": {35, 1},
	"attraction[0].slot":              {37, 3},
	"attraction[0].slot[0]":           {37, 3},
	"attraction[0].slot[0].start":     {38, 1},
	"attraction[0].slot[1]":           {40, 3},
	"attraction[0].slot[1].start":     {41, 1},
	"attraction[0].ride":              {43, 2},
	"attraction[0].ride.minutes":      {44, 1},
	"attraction[1]":                   {46, 3},
	"attraction[1].id":                {47, 1},

	// Array of inline tables, with an array inside.
	"attraction[1].zones":            {48, 1},
	"attraction[1].zones[0]":         {48, 10},
	"attraction[1].zones[0].id":      {48, 12},
	"attraction[1].zones[1]":         {48, 24},
	"attraction[1].zones[1].id":      {48, 26},
	"attraction[1].zones[1].tags":    {48, 36},
	"attraction[1].zones[1].tags[0]": {48, 44},
	"attraction[1].zones[1].tags[1]": {48, 49},

	// Nested arrays of tables restart their count under each parent element.
	"attraction[1].slot":          {50, 3},
	"attraction[1].slot[0]":       {50, 3},
	"attraction[1].slot[0].start": {51, 1},

	// Header with blanks inside the brackets and around the dot.
	"staff":                {53, 3},
	"staff.shifts":         {53, 3},
	"staff.shifts.morning": {54, 1},
}

func TestKeyPositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want map[string]pos // only these paths are checked
	}{
		{"scenario", posScenario, posScenarioWant},
		{
			// CRLF only adds a \r before each \n, and a BOM is not a column.
			"scenario with BOM and CRLF",
			"\uFEFF" + strings.ReplaceAll(posScenario, "\n", "\r\n"),
			posScenarioWant,
		},
		{
			"BOM and CRLF",
			"\uFEFFa = 1\r\n[t]\r\nb . c = 'x'\r\n",
			map[string]pos{"a": {1, 1}, "t": {2, 2}, "t.b": {3, 1}, "t.b.c": {3, 1}},
		},
		{
			"dotted key under table sets missing prefixes only",
			"[x]\ny = 1\ny2.z = 2\n[x.a.b]\nc = 3\n[x.a]\nd = 4\n",
			map[string]pos{
				"x": {1, 2}, "x.y": {2, 1}, "x.y2": {3, 1}, "x.y2.z": {3, 1},
				// The explicit [x.a] header wins over the implicit one.
				"x.a": {6, 2}, "x.a.b": {4, 2}, "x.a.b.c": {5, 1}, "x.a.d": {7, 1},
			},
		},
		{
			"TOML 1.1 multi-line inline table",
			"t = {\n  a = 1, # one\n  b = [2,],\n}\nu = 3\n",
			map[string]pos{"t": {1, 1}, "t.a": {2, 3}, "t.b": {3, 3}, "t.b[0]": {3, 8}, "u": {5, 1}},
		},
		{
			"dates and values with spaces",
			"when = 1979-05-27 07:32:00Z\nnext = { at = 07:32:00, n = -inf }\n",
			map[string]pos{"when": {1, 1}, "next.at": {2, 10}, "next.n": {2, 25}},
		},
		{
			"malformed input keeps what came before",
			"a = 1\nb = \"unterminated\nc = 2\n",
			map[string]pos{"a": {1, 1}, "b": {2, 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keyPositions(tt.src)
			for path, want := range tt.want {
				require.Contains(t, got, path)
				require.Equal(t, want, got[path], "position of %q", path)
			}
		})
	}
}

// TestKeyPositionsMatchDecoded checks the index holds exactly the paths of the
// decoded document: nothing is missed, and nothing inside a string, comment
// or multi-line value is taken for a key.
func TestKeyPositionsMatchDecoded(t *testing.T) {
	var doc map[string]any
	_, err := toml.Decode(posScenario, &doc)
	require.NoError(t, err)

	var want []string
	var walk func(path string, v any)
	walk = func(path string, v any) {
		if path != "" {
			want = append(want, path)
		}
		switch v := v.(type) {
		case map[string]any:
			for k, sub := range v {
				walk(join(path, k), sub)
			}
		case []map[string]any:
			for i, sub := range v {
				walk(indexKey(path, i), sub)
			}
		case []any:
			for i, sub := range v {
				walk(indexKey(path, i), sub)
			}
		}
	}
	walk("", doc)

	got := slices.Sorted(maps.Keys(keyPositions(posScenario)))
	require.ElementsMatch(t, want, got)
}

// TestKeyPositionsCoverMetaDataKeys checks every key BurntSushi reports is
// indexed. Keys() gives no indices for array elements, so keys below an array
// (of tables or of inline tables) are skipped; their presence is covered by
// TestKeyPositionsMatchDecoded.
func TestKeyPositionsCoverMetaDataKeys(t *testing.T) {
	var doc map[string]any
	md, err := toml.Decode(posScenario, &doc)
	require.NoError(t, err)
	got := keyPositions(posScenario)

	checked := 0
keys:
	for _, key := range md.Keys() {
		var v any = doc
		for _, seg := range key[:len(key)-1] {
			m, ok := v.(map[string]any)
			if !ok {
				continue keys
			}
			v = m[seg]
		}
		if _, ok := v.(map[string]any); !ok {
			continue
		}
		require.Contains(t, got, strings.Join(key, "."))
		checked++
	}
	require.Greater(t, checked, 20, "too few keys checked; did the document change?")
}

func FuzzKeyPositions(f *testing.F) {
	for _, seed := range []string{
		posScenario,
		"\uFEFFa = 1\r\n[t]\r\nb . c = 'x'\r\n",
		"[[a]]\n[[a.b]]\n[a.c]\nx = [[1, {y = \"\"\"z\"\"\"}], []]\n",
		"s = '''\nx'''''\nt = \"\"\"\\\"\"\"\"\"\n",
		"k = {a = {b = [{c = 1}]}}",
		"[a\nb = [1,",
		"\"unterminated = 1",
		"x = '''#",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		keyPositions(src)
	})
}
