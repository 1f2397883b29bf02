package park

import "parksim/wristband"

// bandSummary adds the band system's figures to s.
func (p *Park) bandSummary(s *Summary) {
	b := p.bands
	left := &LeftBecause{}
	affected := 0
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
		if b.affected[i] {
			affected += n
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
	if b.csat[1].Count() > 0 {
		v := round3(b.csat[1].Mean())
		affectedCSAT = &v
	}
	s.Bands = &BandStats{
		Issued:                 b.sys.Bands(),
		Replaced:               b.replaced,
		Forgotten:              b.forgotten,
		Lost:                   b.lost,
		ClonesPlanted:          b.cfg.Clones,
		ClonesTried:            b.clonesTried,
		ClonesCaught:           clones,
		FoundCaught:            found,
		GenuineDeactivated:     genuine,
		FraudRefundedCents:     int64(b.refunded),
		PaidAnotherWayCents:    s.RevenueCents.OtherWay, // with bands, only what a band could not pay
		PhotosSold:             b.photosSold,
		AffectedGuests:         affected,
		AffectedCSAT:           affectedCSAT,
		UnaffectedCSAT:         round3(b.csat[0].Mean()),
		GuestRelationsMinutes:  waitStats(&b.relations),
		ReservationWaitMinutes: waitStats(&b.prioWaits),
		WindowsBooked:          b.windowsBooked,
		WindowsUsed:            b.windowsUsed,
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
		ke.MAE = round3(ke.MAE / float64(ke.Areas))
		ke.MeanPresent = round3(ke.MeanPresent / float64(ke.Areas))
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
