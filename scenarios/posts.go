package scenarios

// staffMax reads key k, the most staff a staffing policy may put on a post
// that starts the day with start staff (the value of startKey). Absent, it
// is 0, which the park takes for start; given, it is at least start.
func (t *table) staffMax(k, startKey string, start, hi int) int {
	n := t.integer(k, false, 0, 1, hi)
	if t.valid(k) && n < start {
		t.r.problem(t.key(k), "is less than %s (%d): a post cannot start the day with more staff than it may have", startKey, start)
		return 0
	}
	return n
}

// onlyWith reports key k, when the table has it, as counting only with
// what startKey does not give (a post with no staff to start with); a
// startKey already reported as unusable is not echoed.
func (t *table) onlyWith(k, startKey, why string) {
	if _, given := t.m[k]; given {
		t.read[k] = true
		if !t.bad[startKey] {
			t.r.problem(t.key(k), "counts only %s", why)
		}
	}
}
