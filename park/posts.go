package park

import (
	"errors"
	"fmt"

	"parksim/sim"
	"parksim/staffing"
)

// PostKind is what staff do at a post: the staffing package's kinds, which
// the park's posts are and its policies read.
type PostKind = staffing.PostKind

const (
	PostCrew          = staffing.Crew          // an attraction's crew (one with CrewFull): the dispatch interval, and whether it runs
	PostServers       = staffing.Servers       // a station's servers: parties served at once
	PostRegisters     = staffing.Registers     // a counter-service restaurant's cashiers
	PostClerks        = staffing.Clerks        // a shop's clerks at the checkout
	PostPhotographers = staffing.Photographers // a photo spot's photographers
	PostTurnstiles    = staffing.Turnstiles    // the entry's turnstiles
	PostBagCheck      = staffing.BagCheck      // the entry's bag screeners
	PostDesk          = staffing.Desk          // the desks at guest relations
	nPostKinds        = staffing.NumPostKinds
)

// Post is a staffed place of the park, as a staffing policy reads it before
// it moves staff with SetStaff. Staff is who is on it now, and SetStaff
// takes any number from Min to Max. Min is 0 at every post: a post may be
// emptied. Max is what the scenario allows, by default what the post starts
// the day with. Per kind:
//
//   - PostCrew: the attraction's crew, Max Attraction.CrewMax, by default
//     the larger of Crew and CrewFull (more than CrewFull loads no faster);
//     below CrewMin, or with nobody, it is closed.
//   - PostServers: a station's servers, Max Attraction.ServersMax; with none
//     it is closed.
//   - PostRegisters: the cashiers, Max Restaurant.RegistersMax; with none
//     the registers take no orders (orders placed in the app still come out
//     of the kitchen).
//   - PostClerks, PostPhotographers: Max Merchant.StaffMax; with none,
//     nobody is served there.
//   - PostTurnstiles, PostBagCheck: Max Entry.TurnstilesMax and BagCheckMax;
//     with none, nobody passes.
//   - PostDesk: the desks at guest relations, Max Bands.GuestRelationsMax;
//     with none, nobody is served there.
type Post struct {
	ID              string // a stable slug: the venue's id and the post's, e.g. "space-coaster/crew", "entry/turnstiles"
	Kind            PostKind
	Zone            int // where it is
	Staff, Min, Max int
}

// postID is the id of the post of kind k at venue: the venue's id (an
// attraction's, a restaurant's, a merchant's, or "entry" and
// "guest-relations" for the posts not at a venue of their own) and the
// kind's. The sensed view keys each post's line by it too.
func postID(venue string, k PostKind) string { return venue + "/" + postKindSlugs[k] }

var postKindSlugs = [nPostKinds]string{"crew", "servers", "registers", "clerks", "photographers", "turnstiles", "bag-check", "desk"}

// The ids of the posts that are not at a venue of their own.
var (
	turnstilesPost = postID("entry", PostTurnstiles)
	bagCheckPost   = postID("entry", PostBagCheck)
	deskPost       = postID("guest-relations", PostDesk)
)

// noStaffWait is the wait expected at a post with nobody on it: longer than
// any guest's patience.
const noStaffWait = sim.Time(sim.MaxMillis)

// Posts lists the posts a park of this configuration has, in the order
// the park registers them (configuration order: attractions (crew, then a
// station's servers), counter-service restaurants, staffed merchants, the
// entry's turnstiles and bag check, guest relations), each with the staff
// its keys give and its Max.
func (c *Config) Posts() []Post {
	var posts []Post
	// add lists a post with staff, which the scenario allows up to most
	// (0: no more than it has).
	add := func(id string, kind PostKind, zone, staff, most int) {
		posts = append(posts, Post{ID: id, Kind: kind, Zone: zone, Staff: staff, Max: max(staff, most)})
	}
	for a := range c.Attractions {
		at := &c.Attractions[a]
		if at.CrewFull > 0 {
			most := at.CrewFull
			if at.CrewMax > 0 {
				most = at.CrewMax
			}
			add(postID(at.ID, PostCrew), PostCrew, at.Zone, at.Crew, most)
		}
		if at.Servers > 0 {
			add(postID(at.ID, PostServers), PostServers, at.Zone, at.Servers, at.ServersMax)
		}
	}
	for k := range c.Restaurants {
		if r := &c.Restaurants[k]; !r.TableService {
			add(postID(r.ID, PostRegisters), PostRegisters, r.Zone, r.Registers, r.RegistersMax)
		}
	}
	for k := range c.Merchants {
		m := &c.Merchants[k]
		switch {
		case m.photographers():
			add(postID(m.ID, PostPhotographers), PostPhotographers, m.Zone, m.Staff, m.StaffMax)
		case m.Staff > 0:
			add(postID(m.ID, PostClerks), PostClerks, m.Zone, m.Staff, m.StaffMax)
		}
	}
	en := &c.Entry
	add(turnstilesPost, PostTurnstiles, en.Zone, en.Turnstiles, en.TurnstilesMax)
	if en.BagCheck > 0 {
		add(bagCheckPost, PostBagCheck, en.Zone, en.BagCheck, en.BagCheckMax)
	}
	if b := c.Bands; b != nil {
		add(deskPost, PostDesk, en.Zone, b.GuestRelations, b.GuestRelationsMax)
	}
	return posts
}

// newPosts registers every staffed place of the park (see Config.Posts):
// a roster post starts with the members on it (start), every other post
// with the staff its keys give; a post's Max is its keys' either way.
func (p *Park) newPosts(start map[string]int) {
	cfg := p.cfg
	p.posts = cfg.Posts()
	p.postIndex = make(map[string]int, len(p.posts))
	for k := range p.posts {
		ps := &p.posts[k]
		p.postIndex[ps.ID] = k
		ps.Staff = startStaff(start, ps.ID, ps.Staff)
	}
	// The venue each post staffs, in the same order.
	for a := range cfg.Attractions {
		at := &cfg.Attractions[a]
		if at.CrewFull > 0 {
			p.postVenue = append(p.postVenue, a)
		}
		if at.Servers > 0 {
			p.postVenue = append(p.postVenue, a)
		}
	}
	for k := range cfg.Restaurants {
		if !cfg.Restaurants[k].TableService {
			p.postVenue = append(p.postVenue, k)
		}
	}
	for k := range cfg.Merchants {
		if cfg.Merchants[k].Staff > 0 {
			p.postVenue = append(p.postVenue, k)
		}
	}
	for len(p.postVenue) < len(p.posts) {
		p.postVenue = append(p.postVenue, 0) // the entry's posts and the desk
	}
}

// Posts lists the park's posts in configuration order (see Post); the
// index of a post in it is the one SetStaff takes. The slice is a copy.
func (p *Park) Posts() []Post {
	return append([]Post(nil), p.posts...)
}

// PostByID is the index of the post with the given id, and whether there
// is one.
func (p *Park) PostByID(id string) (int, bool) {
	k, ok := p.postIndex[id]
	return k, ok
}

// SetStaff puts n staff on post k from now, and records it (Staffed). It
// is the one way staff change during a day:
//
//   - a ride crew sets the dispatch interval: fewer than the full crew loads
//     more slowly, in proportion, and fewer than the minimum closes the
//     attraction (its line waits, or is sent away as in any outage) until
//     enough are back;
//   - a station's servers are the parties it serves at once; a station with
//     none is closed, as a ride without its minimum crew;
//   - registers, clerks, photographers, turnstiles, bag screeners and
//     guest-relations desks are the servers of their line: more serve
//     whoever waits at once, fewer never cut a service short (staff leave as
//     they finish with the guest before them). The turnstiles and the bag
//     check are closed before opening: a change then takes effect at
//     opening.
//
// n outside [Min, Max] or an unknown post is an error, and changes nothing.
func (p *Park) SetStaff(e *sim.Engine, k, n int) error { return p.setStaff(e, k, n, false) }

// setStaff is SetStaff; duty says a roster member's duty makes the change
// (a shift, a break, a move's leaving or arrival), which its Staffed
// happening notes with N 1.
func (p *Park) setStaff(e *sim.Engine, k, n int, duty bool) error {
	if k < 0 || k >= len(p.posts) {
		return fmt.Errorf("park %q has no post %d: its posts are 0 to %d", p.cfg.Name, k, len(p.posts)-1)
	}
	ps, v := &p.posts[k], p.postVenue[k]
	if n < ps.Min || n > ps.Max {
		return fmt.Errorf("post %s takes from %d to %d staff, not %d", ps.ID, ps.Min, ps.Max, n)
	}
	from := ps.Staff
	if n == from {
		return nil
	}
	ps.Staff = n
	switch ps.Kind {
	case PostCrew:
		p.setCrew(e, v, n)
	case PostServers:
		p.setServers(e, v, n)
	case PostRegisters:
		p.diners[v].registers.SetCapacity(e, n)
	case PostClerks, PostPhotographers:
		p.shops[v].staff.SetCapacity(e, n)
	case PostTurnstiles:
		if p.opened {
			p.gates.SetCapacity(e, n)
		}
	case PostBagCheck:
		if p.opened {
			p.bags.SetCapacity(e, n)
		}
	case PostDesk:
		p.bands.desk.SetCapacity(e, n)
	}
	h := Happening{At: e.Now(), What: Staffed, Party: -1, Place: Place{Kind: AtPost, Index: int32(k)}, From: int32(from), To: int32(n)}
	if duty {
		h.N = 1
	}
	p.record(h)
	return nil
}

// openEntry opens the turnstiles and the bag check with the staff on their
// posts.
func (p *Park) openEntry(e *sim.Engine) {
	p.opened = true
	p.gates.SetCapacity(e, p.posts[p.postIndex[turnstilesPost]].Staff)
	if p.bags != nil {
		p.bags.SetCapacity(e, p.posts[p.postIndex[bagCheckPost]].Staff)
	}
}

// setCrew puts n staff on attraction a: fewer than its full crew loads
// vehicles more slowly, fewer than its minimum closes it until enough are
// back.
func (p *Park) setCrew(e *sim.Engine, a, n int) {
	r := &p.rides[a]
	was, now := r.shortOfCrew(r.crew), r.shortOfCrew(n)
	r.crew = n
	switch {
	case now && !was:
		p.rideDown(e, a, false)
	case was && !now:
		p.rideUp(e, a, false)
	}
}

// setServers puts n servers on station a: more serve whoever waits at once;
// fewer let those being served finish, and take nobody new until fewer than
// n are busy; none closes it until one is back.
func (p *Park) setServers(e *sim.Engine, a, n int) {
	r := &p.rides[a]
	was := r.servers
	r.servers = n
	switch {
	case n == 0 && was > 0:
		p.rideDown(e, a, false)
	case was == 0 && n > 0:
		p.rideUp(e, a, false)
	case n > was:
		p.serve(e, a)
	}
}

// checkStaffMax reports every post whose most staff is below what it starts
// the day with (a most of 0 is what it starts with).
func (c *Config) checkStaffMax() error {
	bad := func(what string, most, staff int) error {
		if most != 0 && most < staff {
			return fmt.Errorf("park %q: %s may have at most %d staff, fewer than the %d it starts with", c.Name, what, most, staff)
		}
		if most < 0 {
			return fmt.Errorf("park %q: %s may have at most %d staff", c.Name, what, most)
		}
		return nil
	}
	var errs []error
	for _, a := range c.Attractions {
		errs = append(errs, bad(a.ID+"/crew", a.CrewMax, a.Crew), bad(a.ID+"/servers", a.ServersMax, a.Servers))
	}
	for _, r := range c.Restaurants {
		errs = append(errs, bad(r.ID+"/registers", r.RegistersMax, r.Registers))
	}
	for _, m := range c.Merchants {
		post := m.ID + "/clerks"
		if m.photographers() {
			post = m.ID + "/photographers"
		}
		errs = append(errs, bad(post, m.StaffMax, m.Staff))
	}
	errs = append(errs, bad(turnstilesPost, c.Entry.TurnstilesMax, c.Entry.Turnstiles), bad(bagCheckPost, c.Entry.BagCheckMax, c.Entry.BagCheck))
	if c.Bands != nil {
		errs = append(errs, bad(deskPost, c.Bands.GuestRelationsMax, c.Bands.GuestRelations))
	}
	return errors.Join(errs...)
}
