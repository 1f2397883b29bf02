package park

import (
	"math"
	"math/rand/v2"

	"parksim/sim"
)

// Satisfaction is the post-visit survey model. Each guest's latent score is
//
//	Base + MustDo·(share of the party's must-do rides done)
//	     + Rides·(rides per hour in the park)
//	     − Wait·(hours waited in standby lines)
//	     − Balk·(lines walked away from or given up on)
//	     − Outage·(rides that broke down while the party was in their line)
//	     − Denied·(band taps refused)
//	     − Crowd·(how far the park was over Comfort guests, on average, when
//	             the party chose what to do next; 0.5 = half again as full)
//	     − Rain·(hours of rain spent in the park)
//	     − MealWait·(hours from reaching a restaurant to sitting down with food,
//	                 and waiting for a shop's clerk or a photographer)
//	     − BusWait·(hours waited at resort bus stops, for the bus home too)
//	     + a normal draw of sd Noise from the guest's own stream,
//
// and the answers follow from it: CSAT is the score rounded and kept within
// 1–5; likelihood to recommend puts the same score on the 0–10 scale
// (2.5·(score − 1), so 1 ↦ 0 and 5 ↦ 10), rounded within 0–10, and NPS is
// the share answering 9–10 less the share answering 0–6; intention to
// return is the logistic of score − 3. Every weight is ≥ 0, so more waiting,
// balking, crowding or denials never raise an answer, all else equal.
type Satisfaction struct {
	Base     float64
	MustDo   float64
	Rides    float64
	Wait     float64
	Balk     float64
	Outage   float64
	Denied   float64
	Crowd    float64
	Rain     float64
	MealWait float64
	BusWait  float64
	Comfort  int
	Noise    float64
}

// MustDos is how many attractions each party wishes to ride above all.
const MustDos = 3

// experience is what a party lived through, as far as the survey cares.
type experience struct {
	waited   sim.Time // standby, per member
	mustDo   [MustDos]int16
	mustDone uint8
	balks    int16
	letDown  int16 // rides that broke down while the party was in line
	denials  int16
	crowdSum float64 // guests in the park at each choice
	crowdN   int32
	rained   sim.Time // rain spent in the park
	mealWait sim.Time // at restaurants, from arriving to sitting down with food; at shop checkouts and photographers
	busWait  sim.Time // at resort bus stops
}

// Answer is one guest's survey.
type Answer struct {
	CSAT      int     // 1–5
	Recommend int     // 0–10
	Return    float64 // probability of coming back
}

// score is the latent satisfaction of a guest with experience x, who rode
// rides times in hours in the park; noise is the guest's own normal draw.
func (m *Satisfaction) score(x *experience, rides float64, hours float64, noise float64) float64 {
	s := m.Base + m.MustDo*float64(x.mustDone)/MustDos - m.Wait*x.waited.Hours() -
		m.Balk*float64(x.balks) - m.Outage*float64(x.letDown) - m.Denied*float64(x.denials) - m.Rain*x.rained.Hours() - m.MealWait*x.mealWait.Hours() - m.BusWait*x.busWait.Hours() + noise*m.Noise
	if hours > 0 {
		s += m.Rides * rides / hours
	}
	if x.crowdN > 0 && m.Comfort > 0 {
		s -= m.Crowd * math.Max(0, x.crowdSum/float64(x.crowdN)/float64(m.Comfort)-1)
	}
	return s
}

// answer turns a latent score into the survey's answers.
func answer(score float64) Answer {
	clamp := func(x float64, lo, hi int) int { return min(max(int(math.Round(x)), lo), hi) }
	return Answer{
		CSAT:      clamp(score, 1, 5),
		Recommend: clamp(2.5*(score-1), 0, 10),
		Return:    1 / (1 + math.Exp(-(score - 3))),
	}
}

// drawMustDos picks the party's must-do attractions, weighted by their
// appeal to it (softmax), without repeats, from its own stream.
func drawMustDos(x *experience, appeal []float64, r *rand.Rand) {
	for k := range x.mustDo {
		x.mustDo[k] = -1
	}
	taken := func(a int) bool {
		for _, m := range x.mustDo {
			if int(m) == a {
				return true
			}
		}
		return false
	}
	for k := 0; k < MustDos && k < len(appeal); k++ {
		total := 0.0
		for a := range appeal {
			if !taken(a) {
				total += math.Exp(appeal[a])
			}
		}
		u := r.Float64() * total
		pick := -1
		for a := range appeal {
			if taken(a) {
				continue
			}
			pick = a
			if u -= math.Exp(appeal[a]); u < 0 {
				break
			}
		}
		x.mustDo[k] = int16(pick)
	}
}

// rode records that the party finished attraction a.
func (x *experience) rode(a int) {
	for k, m := range x.mustDo {
		if int(m) == a {
			x.mustDone++
			x.mustDo[k] = -1 // counted once
		}
	}
}

// survey is party i's answers as it leaves, one per member.
func (p *Park) survey(i int, now sim.Time) {
	pt := &p.parties[i]
	hours := (now - pt.entered).Hours()
	for _, in := range p.cfg.Incidents {
		if in.Kind == Rain {
			pt.exp.rained += max(min(now, in.To)-max(pt.entered, in.From), 0)
		}
	}
	rides := float64(pt.rides) / float64(pt.size)
	for k := range pt.size {
		p.eng.Seed().Reset(p.scratchPCG, streamSurvey, int(pt.first+k))
		noise := p.scratchRng.NormFloat64()
		a := answer(p.cfg.Satisfaction.score(&pt.exp, rides, hours, noise))
		p.record(Happening{At: p.eng.Now(), What: Surveyed, Party: int32(i), N: pt.first + k, Answer: a})
	}
}
