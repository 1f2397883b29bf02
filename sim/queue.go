package sim

// Ticket identifies one item pushed onto a Queue, so that it can be
// withdrawn later. Tickets of one queue grow with every push; the zero Ticket
// names no item.
type Ticket uint64

type queued[T any] struct {
	ticket Ticket
	live   bool
	val    T
}

// Queue is a first-in first-out queue from whose middle an item can be
// withdrawn (a guest reneging). It keeps its items in a ring that grows as
// needed and is reused, so a queue in steady state allocates nothing.
// The zero Queue is empty and ready to use.
type Queue[T any] struct {
	ring       []queued[T]
	head, size int // occupied ring slots, live or withdrawn
	live       int
	last       Ticket
}

// Len reports the number of items waiting (withdrawn ones excluded).
func (q *Queue[T]) Len() int { return q.live }

// Push appends v and returns its ticket.
func (q *Queue[T]) Push(v T) Ticket {
	if q.size == len(q.ring) {
		q.grow()
	}
	q.last++
	q.ring[(q.head+q.size)%len(q.ring)] = queued[T]{ticket: q.last, live: true, val: v}
	q.size++
	q.live++
	return q.last
}

// Peek returns the item at the head without removing it.
func (q *Queue[T]) Peek() (v T, t Ticket, ok bool) {
	q.dropDead()
	if q.size == 0 {
		return v, 0, false
	}
	it := &q.ring[q.head]
	return it.val, it.ticket, true
}

// Pop removes and returns the item at the head.
func (q *Queue[T]) Pop() (v T, t Ticket, ok bool) {
	v, t, ok = q.Peek()
	if ok {
		q.ring[q.head] = queued[T]{}
		q.head = (q.head + 1) % len(q.ring)
		q.size--
		q.live--
	}
	return v, t, ok
}

// Withdraw removes the item with ticket t wherever it stands and returns it;
// ok is false if it already left the queue. It costs O(log n).
func (q *Queue[T]) Withdraw(t Ticket) (v T, ok bool) {
	// Tickets increase from head to tail, so binary search the ring.
	lo, hi := 0, q.size
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if q.at(mid).ticket < t {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == q.size {
		return v, false
	}
	it := q.at(lo)
	if it.ticket != t || !it.live {
		return v, false
	}
	v = it.val
	*it = queued[T]{ticket: t}
	q.live--
	q.dropDead()
	return v, true
}

// Each calls f for every waiting item from head to tail, stopping early when
// f returns false.
func (q *Queue[T]) Each(f func(t Ticket, v T) bool) {
	for i := 0; i < q.size; i++ {
		if it := q.at(i); it.live && !f(it.ticket, it.val) {
			return
		}
	}
}

func (q *Queue[T]) at(i int) *queued[T] { return &q.ring[(q.head+i)%len(q.ring)] }

// dropDead discards withdrawn items at the head, so Peek is O(1) amortised.
func (q *Queue[T]) dropDead() {
	for q.size > 0 && !q.ring[q.head].live {
		q.ring[q.head] = queued[T]{}
		q.head = (q.head + 1) % len(q.ring)
		q.size--
	}
	if q.size == 0 {
		q.head = 0
	}
}

func (q *Queue[T]) grow() {
	n := 2 * len(q.ring)
	if n == 0 {
		n = 8
	}
	ring := make([]queued[T], n)
	for i := 0; i < q.size; i++ {
		ring[i] = *q.at(i)
	}
	q.ring, q.head = ring, 0
}
