package scenarios

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// pos is a 1-based line and column in a scenario file.
type pos struct{ Line, Col int }

// keyPositions scans TOML source and returns, for every key path it defines,
// the position of the key's first character.
//
// BurntSushi/toml keeps no usable key positions (its private ones lose the
// indices of arrays of tables), so validation errors need this second pass.
// It validates nothing; on input it cannot follow, nested beyond maxDepth
// or costing more than maxWork, it stops and returns what it has found so
// far.
//
// Paths look like entry.service.mean, attraction[1].zone, arrivals.hourly[0]
// or matrix[1][0]; quoted key segments appear unquoted and unescaped.
// A dotted key or table header maps all of its paths, including the implicit
// intermediate ones, to the position of its first character.
func keyPositions(src string) map[string]pos { return scanKeys(src).out }

// scanKeys runs the scan behind keyPositions and returns the scanner, with
// tooDeep set when the source nests beyond maxDepth.
func scanKeys(src string) *posScanner { return scanKeysAfter(src, 0) }

// scanKeysAfter is scanKeys for a file read after others whose scans did
// work units between them: files that extend each other share one budget.
func scanKeysAfter(src string, work int) *posScanner {
	s := &posScanner{
		work:  work,
		src:   []rune(strings.TrimPrefix(src, "\uFEFF")),
		line:  1,
		col:   1,
		out:   map[string]pos{},
		count: map[string]int{},
	}
	s.document()
	return s
}

// maxDepth bounds how deep keys, tables and arrays nest, counting every
// segment of a dotted key or header and every array. The deepest an
// embedded scenario or the docs go is four (an empirical distribution's
// values in a persona: persona.patience.values[0]); eight leaves room. The
// TOML decoder's memory grows with the square of the depth (a 20 KB file
// nested 4,000 deep takes most of a gigabyte), so a deeper file is refused
// before it is decoded.
const maxDepth = 8

// maxWork bounds the decoder's work on one scenario, extends chain and
// all: the sum, over every key segment, table header segment and array
// element, of how deep it lies. The decoder's memory is some hundreds of
// bytes per unit, so within maxDepth and MaxFileBytes alone a file of many
// small keys, or of keys eight deep, still took over a gigabyte; this keeps
// the worst file under 300 MB (measured: 600,000 [[t]] headers took 330 MB).
// A park at the caps on zones and paths takes about 200,000.
const maxWork = 500_000

// maxArray bounds the elements of one array, or the tables of one array of
// tables: the decoder and the positions take some hundred bytes an element,
// and no scenario needs more than a few thousand (the weights of an
// empirical distribution, say).
const maxArray = 100_000

// limitProblem reports where a scan found nesting beyond maxDepth or an
// array beyond maxArray, or nil. The scan runs before the decoder, on bytes
// nobody has checked: it follows valid TOML and gives up quietly on
// anything else, which the decoder then reports.
func (s *posScanner) limitProblem(file string) *Problem {
	switch {
	case s.tooDeep != nil:
		return &Problem{File: file, Line: s.tooDeep.Line, Col: s.tooDeep.Col,
			Message: fmt.Sprintf("keys, tables and arrays nest more than %d deep here; a scenario needs a few levels", maxDepth)}
	case s.tooLong != nil:
		return &Problem{File: file, Line: s.tooLong.Line, Col: s.tooLong.Col,
			Message: fmt.Sprintf("an array of more than %d elements", maxArray)}
	case s.tooMuch != nil:
		return &Problem{File: file, Line: s.tooMuch.Line, Col: s.tooMuch.Col,
			Message: fmt.Sprintf("the scenario holds more than %d keys, tables and array elements (each counted once per level it is nested, extends included) by here; a park at every cap needs about 200000", maxWork)}
	}
	return nil
}

// posScanner walks the source one rune at a time, which keeps columns counted
// in runes without any extra bookkeeping.
type posScanner struct {
	src       []rune
	i         int
	line, col int
	table     string                // path of the current [table] or [[array]] element
	out       map[string]pos        // the result
	count     map[string]int        // elements seen so far per array of tables path
	depth     int                   // nesting of the current [table] or [[array]] element
	tooDeep   *pos                  // where nesting first went beyond maxDepth
	tooLong   *pos                  // where an array first went beyond maxArray elements
	work      int                   // units of decoder work so far (see maxWork)
	tooMuch   *pos                  // where work first went beyond maxWork
	huge      map[string]hugeNumber // numbers no Go number holds, by key path
}

// charge adds the work of something at depth, reporting whether the budget
// is spent; the scan then stops, as on input it cannot follow.
func (s *posScanner) charge(depth int, at pos) bool {
	s.work += depth
	if s.work <= maxWork {
		return false
	}
	if s.tooMuch == nil {
		s.tooMuch = &at
	}
	return true
}

// deeper reports whether depth is beyond maxDepth, remembering where; the
// scan then stops, as on input it cannot follow.
func (s *posScanner) deeper(depth int, at pos) bool {
	if depth <= maxDepth {
		return false
	}
	if s.tooDeep == nil {
		s.tooDeep = &at
	}
	return true
}

// posEOF is what peek and next return past the end; no rune in src is negative.
const posEOF rune = -1

func (s *posScanner) peek() rune {
	if s.i >= len(s.src) {
		return posEOF
	}
	return s.src[s.i]
}

func (s *posScanner) next() rune {
	r := s.peek()
	if r == posEOF {
		return posEOF
	}
	s.i++
	if r == '\n' {
		s.line, s.col = s.line+1, 1
	} else {
		s.col++
	}
	return r
}

// accept consumes lit only if the source continues with all of it.
func (s *posScanner) accept(lit string) bool {
	want := []rune(lit)
	if len(s.src)-s.i < len(want) || string(s.src[s.i:s.i+len(want)]) != lit {
		return false
	}
	for range want {
		s.next()
	}
	return true
}

func (s *posScanner) here() pos { return pos{s.line, s.col} }

// skipSpace skips blanks within a line. A \r only ever precedes \n in valid
// TOML, so treating it as a blank is all CRLF support needs.
func (s *posScanner) skipSpace() {
	for r := s.peek(); r == ' ' || r == '\t' || r == '\r'; r = s.peek() {
		s.next()
	}
}

// skipBlank also skips newlines and comments, as allowed between statements
// and inside arrays (and, since TOML 1.1, inside inline tables).
func (s *posScanner) skipBlank() {
	for {
		s.skipSpace()
		switch s.peek() {
		case '\n':
			s.next()
		case '#':
			for r := s.peek(); r != '\n' && r != posEOF; r = s.peek() {
				s.next()
			}
		default:
			return
		}
	}
}

func (s *posScanner) document() {
	for {
		s.skipBlank()
		var ok bool
		switch s.peek() {
		case posEOF:
			return
		case '[':
			ok = s.header()
		default:
			ok = s.keyValue(s.table, s.depth)
		}
		if !ok {
			return
		}
	}
}

// header reads [a.b] or [[a.b]] and makes it the current table.
func (s *posScanner) header() bool {
	s.next()
	array := s.accept("[")
	s.skipSpace()
	at := s.here()
	segs, ok := s.key()
	if !ok || s.deeper(len(segs), at) || s.charge(len(segs)*(len(segs)+1)/2, at) {
		return false
	}
	s.skipSpace()
	if !s.accept("]") || array && !s.accept("]") {
		return false
	}
	path := ""
	for n, seg := range segs {
		path = join(path, seg)
		last := n == len(segs)-1
		switch {
		case last && array:
			s.setOnce(path, at) // the array as a whole, at its first header
			k := s.count[path]
			if k == maxArray {
				s.tooLong = &at
				return false
			}
			s.count[path] = k + 1
			path = indexKey(path, k)
		case s.count[path] > 0:
			// Any header below an array of tables extends its latest element.
			path = indexKey(path, s.count[path]-1)
		}
		if !last {
			s.setOnce(path, at)
		}
	}
	s.out[path] = at
	s.table = path
	s.depth = len(segs)
	return true
}

// keyValue reads key = value, with the key relative to prefix, which lies
// depth levels deep.
func (s *posScanner) keyValue(prefix string, depth int) bool {
	at := s.here()
	segs, ok := s.key()
	if !ok || s.deeper(depth+len(segs), at) || s.charge(segmentsWork(depth, len(segs)), at) {
		return false
	}
	path := prefix
	for _, seg := range segs[:len(segs)-1] {
		path = join(path, seg)
		s.setOnce(path, at)
	}
	path = join(path, segs[len(segs)-1])
	s.out[path] = at
	s.skipSpace()
	if !s.accept("=") {
		return false
	}
	s.skipSpace()
	return s.value(path, depth+len(segs))
}

// segmentsWork is the work of n key segments below depth: the first lies
// at depth+1, the last at depth+n.
func segmentsWork(depth, n int) int { return n*depth + n*(n+1)/2 }

// key reads a possibly dotted key and returns its unquoted segments; it
// stops reading past maxDepth+1 of them, which the caller refuses.
func (s *posScanner) key() ([]string, bool) {
	var segs []string
	for len(segs) <= maxDepth {
		seg, ok := s.simpleKey()
		if !ok {
			return nil, false
		}
		segs = append(segs, seg)
		s.skipSpace()
		if !s.accept(".") {
			return segs, true
		}
		s.skipSpace()
	}
	return segs, true
}

func (s *posScanner) simpleKey() (string, bool) {
	switch s.peek() {
	case '"':
		raw, ok := s.str()
		// TOML's escapes are a subset of Go's apart from \e, which no id uses.
		if unq, err := strconv.Unquote(raw); err == nil {
			return unq, ok
		}
		return strings.Trim(raw, `"`), ok
	case '\'':
		raw, ok := s.str()
		return strings.Trim(raw, "'"), ok
	}
	start := s.i
	for r := s.peek(); r != posEOF && !strings.ContainsRune(" \t\r\n.=[]{}\"'#,", r); r = s.peek() {
		s.next()
	}
	return string(s.src[start:s.i]), s.i > start
}

// value skips a value at depth, recording the paths of array elements and
// inline table keys inside it.
func (s *posScanner) value(path string, depth int) bool {
	switch s.peek() {
	case '"', '\'':
		_, ok := s.str()
		return ok
	case '[':
		return !s.deeper(depth+1, s.here()) && s.array(path, depth+1)
	case '{':
		return !s.deeper(depth, s.here()) && s.inlineTable(path, depth)
	}
	// Numbers, booleans and dates: dates may contain a space, so only the
	// characters that can follow a value end it.
	start := s.i
	for r := s.peek(); r != posEOF && !strings.ContainsRune(",]}#\n", r); r = s.peek() {
		s.next()
	}
	if lit := strings.TrimRight(string(s.src[start:s.i]), " \t\r"); beyondFloat64(lit) {
		if s.huge == nil {
			s.huge = map[string]hugeNumber{}
		}
		s.huge[path] = hugeNumber{lit, start}
	}
	return s.i > start
}

// hugeNumber is a number literal that no Go number holds, at rune offset at
// of the source.
type hugeNumber struct {
	lit string
	at  int
}

// beyondFloat64 reports whether lit is a TOML integer beyond int64 or a
// float beyond float64. The decoder stops at the first such literal with
// its own wording ("out of range for int64"); scenarioSource puts 0 in its
// place instead, and the reader says what range the key takes.
func beyondFloat64(lit string) bool {
	clean := strings.ReplaceAll(lit, "_", "")
	if clean == "" || !strings.ContainsAny(clean[:1], "+-0123456789") {
		return false // booleans, inf and nan, or nothing
	}
	var err error
	if _, e := strconv.ParseInt(clean, 0, 64); e == nil {
		return false
	} else if strings.ContainsAny(clean, ".eE") && !strings.HasPrefix(strings.TrimLeft(clean, "+-"), "0x") {
		_, err = strconv.ParseFloat(clean, 64)
	} else {
		err = e
	}
	var ne *strconv.NumError
	return errors.As(err, &ne) && ne.Err == strconv.ErrRange
}

// scenarioSource returns src with each huge number blanked to a 0 of the
// same length, so that the decoder reads on and every column stays put.
func (s *posScanner) scenarioSource() string {
	if len(s.huge) == 0 {
		return string(s.src)
	}
	src := slices.Clone(s.src)
	for _, h := range s.huge {
		n := len([]rune(h.lit))
		src[h.at] = '0'
		for i := 1; i < n; i++ {
			src[h.at+i] = ' '
		}
	}
	return string(src)
}

func (s *posScanner) array(path string, depth int) bool {
	s.next()
	for k := 0; ; k++ {
		s.skipBlank()
		if s.accept("]") {
			return true
		}
		if k == maxArray {
			s.tooLong = &pos{s.line, s.col}
			return false
		}
		if s.charge(depth, s.here()) {
			return false
		}
		elem := indexKey(path, k)
		s.out[elem] = s.here()
		if !s.value(elem, depth) {
			return false
		}
		s.skipBlank()
		if !s.accept(",") {
			return s.accept("]")
		}
	}
}

func (s *posScanner) inlineTable(path string, depth int) bool {
	s.next()
	for {
		s.skipBlank()
		if s.accept("}") {
			return true
		}
		if !s.keyValue(path, depth) {
			return false
		}
		s.skipBlank()
		if !s.accept(",") {
			return s.accept("}")
		}
	}
}

// str consumes a basic, literal or multi-line string and returns its source
// text, quotes included.
func (s *posScanner) str() (string, bool) {
	start := s.i
	q := s.peek()
	q3 := strings.Repeat(string(q), 3)
	multi := s.accept(q3)
	if !multi {
		s.next()
	}
	for {
		r := s.next()
		switch {
		case r == posEOF, r == '\n' && !multi:
			return "", false
		case r == '\\' && q == '"':
			s.next()
		case r == q && !multi, r == q && s.accept(q3[1:]):
			// A multi-line string may end with up to two quotes of its own
			// right before the closing delimiter.
			for n := 0; multi && n < 2 && s.peek() == q; n++ {
				s.next()
			}
			return string(s.src[start:s.i]), true
		}
	}
}

func (s *posScanner) setOnce(path string, at pos) {
	if _, ok := s.out[path]; !ok {
		s.out[path] = at
	}
}
