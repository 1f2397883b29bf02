package park

import "parksim/wristband"

// bandSummary adds the band system's figures to s.
func (p *Park) bandSummary(s *Summary) {
	b, t := p.bands, &p.tally
	left := &LeftBecause{}
	for i := range p.parties {
		pt := &p.parties[i]
		n := int(pt.size)
		switch {
		case pt.left == leftTurnedAway:
			left.TurnedAway += n
		case pt.leftAt == 0:
			left.Inside += n
		case pt.left == leftClosed:
			left.Closing += n
		case pt.left == leftTired:
			left.Tired += n
		case pt.left == leftRain:
			left.Rain += n
		default:
			left.StayOver += n
		}
	}
	s.LeftBecause = left

	taps := &TapStats{Denied: map[string]int{}}
	for _, r := range b.sys.Log() {
		taps.Total++
		if r.Reason == wristband.Granted {
			taps.Granted++
		} else {
			taps.Denied[r.Reason.String()]++
		}
	}
	s.Taps = taps

	imbalance := int64(b.sys.Ledger().Imbalance())
	s.LedgerImbalanceCents = &imbalance

	// Sort what clone detection switched off by whose tap did it: only a
	// band switched off on somebody else's tap is a catch.
	clones, found, genuine := 0, 0, 0
	for band := range wristband.BandID(b.sys.Bands()) {
		if !b.sys.Cloned(band) {
			continue
		}
		switch b.caughtBy[band] {
		case misuseClone:
			clones++
		case misuseFound:
			found++
		default:
			genuine++
		}
	}

	var affectedCSAT *float64
	if t.bandCSAT[1].Count() > 0 {
		v := t.bandCSAT[1].Mean()
		affectedCSAT = &v
	}
	s.Bands = &BandStats{
		Issued:                 b.sys.Bands(),
		Replaced:               t.replaced,
		Forgotten:              t.forgotten,
		Lost:                   t.lost,
		ClonesPlanted:          b.cfg.Clones,
		ClonesTried:            t.clonesTried,
		ClonesCaught:           clones,
		FoundCaught:            found,
		GenuineDeactivated:     genuine,
		FraudRefundedCents:     int64(t.refunded),
		PaidAnotherWayCents:    s.RevenueCents.OtherWay, // with bands, only what a band could not pay
		PhotosSold:             t.photosSold,
		AffectedGuests:         t.affectedGuests(),
		AffectedCSAT:           affectedCSAT,
		UnaffectedCSAT:         t.bandCSAT[0].Mean(),
		GuestRelationsMinutes:  waitStats(&t.relations),
		ReservationWaitMinutes: waitStats(&t.prioWaits),
		WindowsBooked:          t.windowsBooked,
		WindowsUsed:            t.windowsUsed,
	}

	sense := &SensingSummary{
		EverySeconds: b.cfg.Sensing.Every.Seconds(),
		DelaySeconds: b.cfg.Sensing.Delay.Seconds(),
		Detect:       b.cfg.Sensing.Detect,
	}
	index := map[string]int{}
	for i, a := range b.sensor.Areas() {
		k, ok := index[a.Kind]
		if !ok {
			k = len(sense.ErrorByKind)
			index[a.Kind] = k
			sense.ErrorByKind = append(sense.ErrorByKind, KindError{Kind: a.Kind})
		}
		ke := &sense.ErrorByKind[k]
		ke.Areas++
		ke.MAE += b.sensor.MeanAbsError(i)
		ke.MeanPresent += b.sensor.MeanPresent(i)
	}
	for k := range sense.ErrorByKind {
		ke := &sense.ErrorByKind[k]
		ke.MAE = ke.MAE / float64(ke.Areas)
		ke.MeanPresent = ke.MeanPresent / float64(ke.Areas)
	}
	s.Sensing = sense
}

// Bands returns the day's band platform, nil when the system is off.
func (p *Park) Bands() *wristband.System {
	if p.bands == nil {
		return nil
	}
	return p.bands.sys
}
