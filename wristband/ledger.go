package wristband

import (
	"cmp"
	"fmt"
	"slices"
)

// AccountID is an account of the ledger.
type AccountID int32

// Entry is one double-entry posting: Amount leaves Debit's balance and
// reaches Credit's. Sale is the tap-log record of the sale it belongs to.
type Entry struct {
	Debit, Credit AccountID
	Amount        Cents
	Sale          int
	Refund        bool
}

// Ledger is a double-entry book in integer cents: every charge debits a
// guest's wallet and credits a merchant, every refund reverses one, so the
// balances always add up to zero.
type Ledger struct {
	balances []Cents
	entries  []Entry
	charges  []int // entry index of each charge, in increasing sale order
	refunded map[int]bool
}

// open adds an account, a wallet or a merchant's, and returns its id.
func (l *Ledger) open() AccountID {
	l.balances = append(l.balances, 0)
	return AccountID(len(l.balances) - 1)
}

// post moves amount (≥ 0) from debit to credit for sale. Only the System
// posts, so that every sale key is a granted sale in its tap log.
func (l *Ledger) post(debit, credit AccountID, amount Cents, sale int) {
	if amount < 0 {
		panic(fmt.Sprintf("wristband: a posting of %d cents", amount))
	}
	if n := len(l.charges); n > 0 && l.entries[l.charges[n-1]].Sale >= sale {
		panic(fmt.Sprintf("wristband: sale %d posted after sale %d", sale, l.entries[l.charges[n-1]].Sale))
	}
	l.entries = append(l.entries, Entry{Debit: debit, Credit: credit, Amount: amount, Sale: sale})
	l.balances[debit] -= amount
	l.balances[credit] += amount
	l.charges = append(l.charges, len(l.entries)-1) // sales come in log order: sorted
}

// refund reverses the charge of sale, once, and returns it; ok is false
// when the sale charged nothing or was refunded already.
func (l *Ledger) refund(sale int) (charge Entry, ok bool) {
	k, found := slices.BinarySearchFunc(l.charges, sale, func(i, sale int) int { return cmp.Compare(l.entries[i].Sale, sale) })
	if !found || l.refunded[sale] {
		return Entry{}, false
	}
	if l.refunded == nil {
		l.refunded = map[int]bool{}
	}
	l.refunded[sale] = true
	c := l.entries[l.charges[k]]
	l.entries = append(l.entries, Entry{Debit: c.Credit, Credit: c.Debit, Amount: c.Amount, Sale: sale, Refund: true})
	l.balances[c.Credit] -= c.Amount
	l.balances[c.Debit] += c.Amount
	return c, true
}

// Refunded reports whether sale's charge has been refunded.
func (l *Ledger) Refunded(sale int) bool { return l.refunded[sale] }

// Balance is the account's balance: negative for a wallet that spent.
func (l *Ledger) Balance(a AccountID) Cents { return l.balances[a] }

// Imbalance is how far the books are from sound: the size of the sum of all
// balances (zero in a double-entry book) plus, for every account, how far
// its balance is from what the entries alone say. Zero unless the ledger is
// broken.
func (l *Ledger) Imbalance() Cents {
	check := make([]Cents, len(l.balances))
	for _, e := range l.entries {
		check[e.Debit] -= e.Amount
		check[e.Credit] += e.Amount
	}
	var sum, off Cents
	for a, b := range l.balances {
		sum += b
		off += abs(b - check[a])
	}
	return abs(sum) + off
}

func abs(c Cents) Cents { return max(c, -c) }

// Entries returns the postings in order.
func (l *Ledger) Entries() []Entry { return l.entries }
