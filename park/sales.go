package park

import (
	"math/rand/v2"

	"parksim/sim"
	"parksim/wristband"
)

// DefaultPhotoBuy is the share of riding parties that buy the on-ride photo
// when nothing says otherwise: with the band system off, the park sells it
// as a print at the exit to this share.
const DefaultPhotoBuy = 0.15

// A revenue line: what a sale counts as in revenue_cents.
type saleLine uint8

const (
	lineFood saleLine = iota
	lineMerchandise
	linePhoto
	nLines
)

var lineNames = [nLines]string{"food", "merchandise", "photo"}

// lineOf is the revenue line named "food", "merchandise" or "photo".
func lineOf(name string) saleLine {
	switch name {
	case "food":
		return lineFood
	case "merchandise":
		return lineMerchandise
	}
	return linePhoto
}

// sell is party i buying amount at a till of the given revenue line, at
// the place at. With the band system on, an adult's band pays at the till's
// reader, and a band that cannot pays another way; without it, every sale
// is paid at the till another way (cash or card). Every sale is recorded,
// and the tally counts what is paid another way, by line: the ledger holds
// only what bands paid, so it stays the band platform's books, balanced and
// reconciled with the tap log, and revenue adds the two.
func (p *Park) sell(e *sim.Engine, i int, line saleLine, at Place, reader wristband.ReaderID, amount wristband.Cents) {
	h := Happening{At: e.Now(), What: Sold, Party: int32(i), Place: at, Amount: amount, Line: lineNames[line]}
	if p.bands != nil {
		h.ByBand = p.buy(e, i, reader, amount)
		p.record(h)
		return
	}
	if amount > 0 {
		p.parties[i].spent += amount
	}
	p.record(h)
}

// purchaseStreams gives every party its stream for tills, shops, photos
// and the band system's draws: the same stream with bands or without, so
// the two meet the same shoppers.
func (p *Park) purchaseStreams(seed sim.Seed) {
	for i := range p.parties {
		pt := &p.parties[i]
		seed.Reset(&pt.bandPCG, streamBandParty, i)
		pt.bandRng = *rand.New(&pt.bandPCG) // parties no longer move: the pointer stays good
	}
}

// ridePhoto is party i leaving attraction a, which has an on-ride camera:
// with bands, the camera links the photo to the party's album; either way
// the party may buy it at the exit.
func (p *Park) ridePhoto(e *sim.Engine, i, a int) {
	pt := &p.parties[i]
	b := p.bands
	share, pos := DefaultPhotoBuy, wristband.ReaderID(-1)
	if b != nil {
		share, pos = b.cfg.PhotoBuy, b.photoPOS[a]
		if !b.memberMissing(pt, pt.first, e.Now()) {
			b.tap(e.Now(), b.sys.BandOf(wristband.GuestID(pt.first)), b.photo[a], 0, wristband.NoPIN)
		}
	}
	if pt.bandRng.Float64() >= share {
		return
	}
	price := wristband.Cents(p.cfg.Attractions[a].PhotoPrice)
	if !p.affords(pt, price) {
		if b != nil {
			b.saleDraws(&pt.bandRng) // not bought: the same draws all the same
		}
		return
	}
	p.sell(e, i, linePhoto, Place{AtRide, int32(a)}, pos, price)
}

// revenue is the day's takings by line: what bands paid (the merchants'
// ledger balances, after refunds) and what was paid another way.
func (p *Park) revenue() *Revenue {
	rev := &Revenue{}
	byLine := p.tally.otherWay
	for _, v := range p.tally.otherWay {
		rev.OtherWay += int64(v)
	}
	if b := p.bands; b != nil {
		l := b.sys.Ledger()
		for _, t := range b.tills {
			v := l.Balance(t.acct)
			byLine[lineOf(t.line)] += v
			rev.ByBand += int64(v)
		}
	}
	rev.Food, rev.Merchandise, rev.Photo = int64(byLine[lineFood]), int64(byLine[lineMerchandise]), int64(byLine[linePhoto])
	rev.Total = rev.ByBand + rev.OtherWay
	return rev
}
