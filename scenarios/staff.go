package scenarios

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"parksim/park"
	"parksim/sim"
)

// Caps on a roster: members in all (each entry's count added up), and
// breaks per entry.
const (
	maxMembers = 10_000
	maxBreaks  = 24
)

// readRoster reads [staffing] and the [[staff]] tables into a roster, once
// the park's posts are known.
func readRoster(top *table, cfg *park.Config) {
	staffing := top.sub("staffing", false)
	entries := top.list("staff")
	r := &park.Roster{
		MinStay:     staffing.duration("min_stay", false, park.DefaultMinStay),
		MovesPerDay: staffing.integer("moves_per_day", false, park.DefaultMovesPerDay, 0, 1000),
		WalkSpeed:   staffing.float("walk_speed", park.DefaultStaffWalk, 0.1, 10),
	}
	if _, given := top.m["staffing"]; given && len(entries) == 0 {
		top.r.problem("staffing", "counts only with a roster: add [[staff]] tables")
	}
	staffing.done()
	if len(entries) == 0 {
		return
	}
	posts := cfg.Posts()
	byID := map[string]int{}
	var ids []string
	for k, ps := range posts {
		byID[ps.ID] = k
		ids = append(ids, ps.ID)
	}
	kinds := park.PostKindSlugs()
	members := map[string]string{} // member id to the key of the entry that made it
	total := 0
	starts := make([][]park.StaffMember, len(posts)) // per post, the members starting there
	for _, t := range entries {
		id := t.slug("id")
		count := t.integer("count", false, 1, 1, maxMembers)
		if total += count; total > maxMembers {
			t.r.problem(t.key("count"), "the roster has %d members so far: at most %d", total, maxMembers)
			t.done()
			return
		}
		m := park.StaffMember{Skills: t.strs("skills")}
		if _, given := t.m["skills"]; !given {
			t.missing("skills")
		} else if m.Skills != nil && len(m.Skills) == 0 {
			t.r.problem(t.key("skills"), "a member needs at least one skill: a post kind (%s) or a post id", strings.Join(kinds, ", "))
		}
		for j, sk := range m.Skills {
			if _, ok := byID[sk]; !ok && !slices.Contains(kinds, sk) {
				t.r.problem(indexKey(t.key("skills"), j), "%q is neither a kind of post (%s) nor a post; the posts are %s", sk, strings.Join(kinds, ", "), strings.Join(ids, ", "))
			}
		}
		m.Post = t.str("post", true, "")
		start, known := byID[m.Post]
		if _, isStr := t.m["post"].(string); isStr {
			switch {
			case !known:
				t.r.problem(t.key("post"), "unknown post %q; the posts are %s", m.Post, strings.Join(ids, ", "))
			case m.Skills != nil && !slices.Contains(m.Skills, m.Post) && !slices.Contains(m.Skills, kinds[posts[start].Kind]):
				t.r.problem(t.key("post"), "the member has no skill for %s: add %q or %q to skills", m.Post, kinds[posts[start].Kind], m.Post)
			}
		}
		readShift(t, cfg, &m)
		stagger := t.duration("stagger", false, 0)
		if _, given := t.m["stagger"]; given && t.valid("stagger") {
			switch {
			case len(m.Breaks) == 0:
				t.r.problem(t.key("stagger"), "staggers the members' breaks: give breaks too")
			case count > 1 && m.Breaks[len(m.Breaks)-1].At+m.Breaks[len(m.Breaks)-1].Length+sim.Time(count-1)*stagger > m.To:
				last := m.Breaks[len(m.Breaks)-1]
				t.r.problem(t.key("stagger"), "the last of the %d members would take its break at %s, over at %s, after its shift ends (%s)",
					count, (last.At + sim.Time(count-1)*stagger).Clock(), (last.At + last.Length + sim.Time(count-1)*stagger).Clock(), m.To.Clock())
				stagger = 0
			}
		}
		for k := 1; k <= count; k++ {
			mk := m
			if stagger > 0 && k > 1 {
				mk.Breaks = make([]park.StaffBreak, len(m.Breaks))
				for j, br := range m.Breaks {
					mk.Breaks[j] = park.StaffBreak{At: br.At + sim.Time(k-1)*stagger, Length: br.Length}
				}
			}
			mk.ID = id
			if count > 1 {
				mk.ID = id + "-" + strconv.Itoa(k)
			}
			if prev, dup := members[mk.ID]; dup {
				t.r.problem(t.key("id"), "staff member %q is already in the roster, from %s", mk.ID, prev)
				break
			}
			members[mk.ID] = t.key("id")
			r.Members = append(r.Members, mk)
			if known {
				starts[start] = append(starts[start], mk)
			}
		}
		t.done()
	}
	for k, ms := range starts {
		if most, at := peak(ms); most > posts[k].Max {
			top.r.problem("staff", "%d members start at %s, all on shift at %s, more than the %d it may have (its staff keys and their _max)", most, posts[k].ID, at.Clock(), posts[k].Max)
		}
	}
	cfg.Roster = r
}

// readShift reads a member's shift and breaks.
func readShift(t *table, cfg *park.Config, m *park.StaffMember) {
	shift := t.sub("shift", true)
	m.From = shift.clock("from", true, 0)
	m.To = shift.clock("to", true, 0)
	shift.done()
	okShift := shift.valid("from") && shift.valid("to")
	switch {
	case !okShift:
	case m.To <= m.From:
		t.r.problem(shift.key("to"), "the shift ends (%s) before it begins (%s)", m.To.Clock(), m.From.Clock())
		okShift = false
	case m.To > 24*sim.Hour:
		t.r.problem(shift.key("to"), "the shift ends at %s, after the day (24:00)", m.To.Clock())
		okShift = false
	case m.From >= cfg.Close || m.To <= cfg.Open:
		t.r.problem(shift.key("from"), "the shift (%s–%s) is outside the park's day (%s–%s)", m.From.Clock(), m.To.Clock(), cfg.Open.Clock(), cfg.Close.Clock())
		okShift = false
	}
	breaks := t.inlineList("breaks")
	if len(breaks) > maxBreaks {
		t.r.problem(t.key("breaks"), "%d breaks: a member may have at most %d", len(breaks), maxBreaks)
		return
	}
	for _, b := range breaks {
		br := park.StaffBreak{At: b.clock("at", true, 0), Length: b.duration("length", true, 0)}
		good := b.valid("at") && b.valid("length")
		b.done()
		if !good {
			continue
		}
		switch {
		case br.Length <= 0:
			b.r.problem(b.key("length"), "a break must take some time")
		case okShift && (br.At < m.From || br.At+br.Length > m.To):
			b.r.problem(b.key("at"), "the break (%s for %s) is outside the shift (%s–%s)", br.At.Clock(), br.Length, m.From.Clock(), m.To.Clock())
		case len(m.Breaks) > 0 && br.At <= m.Breaks[len(m.Breaks)-1].At+m.Breaks[len(m.Breaks)-1].Length:
			last := m.Breaks[len(m.Breaks)-1]
			b.r.problem(b.key("at"), "the break at %s begins before the one at %s is over (%s): list breaks in time order, apart", br.At.Clock(), last.At.Clock(), (last.At + last.Length).Clock())
		default:
			m.Breaks = append(m.Breaks, br)
		}
	}
}

// peak is the most members on shift at once among ms, and the first time
// there are that many.
func peak(ms []park.StaffMember) (int, sim.Time) {
	type change struct {
		at sim.Time
		d  int
	}
	var cs []change
	for _, m := range ms {
		cs = append(cs, change{m.From, 1}, change{m.To, -1})
	}
	// A shift that ends as another begins frees its place first.
	slices.SortFunc(cs, func(a, b change) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.d, b.d))
	})
	n, most, at := 0, 0, sim.Time(0)
	for _, c := range cs {
		if n += c.d; n > most {
			most, at = n, c.at
		}
	}
	return most, at
}

// inlineList returns the tables of an array of tables, written inline
// (k = [{ … }, { … }]) or as [[k]] tables.
func (t *table) inlineList(k string) []*table {
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	if _, tables := v.([]map[string]any); tables {
		return t.list(k)
	}
	xs, isList := v.([]any)
	if !isList {
		t.wrongType(k, "an array of tables, like [{ at = \"12:00\", length = \"30m\" }]", v)
		return nil
	}
	var out []*table
	for i, x := range xs {
		m, isMap := x.(map[string]any)
		if !isMap {
			t.r.problem(indexKey(t.key(k), i), "must be a table, like { at = \"12:00\", length = \"30m\" }, not %s", tomlType(x))
			continue
		}
		out = append(out, &table{r: t.r, path: indexKey(t.key(k), i), m: m, read: map[string]bool{}})
	}
	return out
}
