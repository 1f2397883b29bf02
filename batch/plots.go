package batch

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// PlotFormats are the formats every plot is written in, as file
// extensions.
var PlotFormats = []string{"png", "svg"}

// Plot is one figure of a batch. Writing it twice, or from the same
// figures on another machine, gives the same bytes: it is drawn afresh
// from the analysis each time, with the fonts gonum/plot carries (the SVG
// names them, Liberation Sans, rather than embedding them).
type Plot struct {
	Stem   string // the file's name without extension, a slug
	Title  string
	width  vg.Length
	height vg.Length
	build  func() *plot.Plot
}

// WritePNG writes the plot as a PNG at 144 dots per inch.
func (pl Plot) WritePNG(w io.Writer) error {
	c := vgimg.NewWith(vgimg.UseWH(pl.width, pl.height), vgimg.UseDPI(144), vgimg.UseBackgroundColor(color.White))
	pl.build().Draw(draw.New(c))
	_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
	return err
}

// WriteSVG writes the plot as SVG.
func (pl Plot) WriteSVG(w io.Writer) error {
	c := vgsvg.New(pl.width, pl.height)
	pl.build().Draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}

// Write writes the plot in format, one of PlotFormats.
func (pl Plot) Write(w io.Writer, format string) error {
	switch format {
	case "png":
		return pl.WritePNG(w)
	case "svg":
		return pl.WriteSVG(w)
	}
	return fmt.Errorf("plot %s: unknown format %q (want png or svg)", pl.Stem, format)
}

// The per-hour keys of summary.json that the hourly plots read.
const (
	byHour            = "by_hour"
	hourlyRideWait    = "ride_wait_mean_minutes"
	hourlyInPark      = "in_park_mean"
	attractionsKey    = "attractions"
	attractionHourly  = "wait_by_hour"
	attractionRiders  = "riders"
	attractionMeanMin = "mean_minutes"
)

// Plots are the batch's figures, in a fixed order: per metric the
// alternatives' means with their intervals; ride waits and guests in the
// park by hour, with interval bands, when the summaries have them; and
// for a sweep, each metric against the swept value.
func (a *Analysis) Plots() []Plot {
	var out []Plot
	for k := range a.Metrics {
		out = append(out, a.comparePlot(k))
	}
	if pl, ok := a.hourlyPlot("waits-by-hour", "Standby wait by the hour riders joined", "mean wait (minutes)", a.hourlyWait); ok {
		out = append(out, pl)
	}
	if pl, ok := a.hourlyPlot("in-park-by-hour", "Guests in the park by hour", "guests in the park (hourly mean)", a.hourlyKey(hourlyInPark)); ok {
		out = append(out, pl)
	}
	if a.Plan.Sweep != nil {
		for k := range a.Metrics {
			if pl, ok := a.sweepPlot(k); ok {
				out = append(out, pl)
			}
		}
	}
	return out
}

// slug makes a metric a file name: what is not a letter, digit, '.', '-'
// or '_' becomes '_'.
func slug(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// newPlot is a plot with the house style: a grid behind the data, the
// legend top left.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(6)
	p.Legend.YOffs = vg.Points(-4)
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	p.Add(g)
	return p
}

// palette is the colour of the i-th series (Okabe–Ito, readable by most
// colour-blind readers).
func palette(i int) color.RGBA {
	c := []color.RGBA{
		{0, 114, 178, 255}, {213, 94, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
		{230, 159, 0, 255}, {86, 180, 233, 255}, {120, 120, 120, 255}, {240, 228, 66, 255},
	}
	return c[i%len(c)]
}

func transparent(c color.RGBA, alpha uint8) color.NRGBA {
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: alpha}
}

// errorPoints are points with interval bars for gonum's error-bar plotters.
type errorPoints struct {
	plotter.XYs
	lo, hi []float64 // the interval's ends, absolute
}

func (e errorPoints) XError(i int) (float64, float64) {
	return e.XYs[i].X - e.lo[i], e.hi[i] - e.XYs[i].X
}

func (e errorPoints) YError(i int) (float64, float64) {
	return e.XYs[i].Y - e.lo[i], e.hi[i] - e.XYs[i].Y
}

// comparePlot is metric k's mean per alternative with its interval bars,
// one row per alternative (top to bottom in the plan's order), so that
// long ids stay readable.
func (a *Analysis) comparePlot(k int) Plot {
	f := a.Metrics[k]
	n := len(a.Plan.Alternatives)
	title := fmt.Sprintf("%s: mean and %s interval per alternative", f.Metric, formatLevel(a.Plan.Confidence))
	build := func() *plot.Plot {
		p := newPlot(title, f.Metric, "")
		names := make([]string, n)
		var pts errorPoints
		var bare plotter.XYs // means without an interval
		for i, alt := range a.Plan.Alternatives {
			row := float64(n - 1 - i)
			names[n-1-i] = alt.ID
			if a.isBaseline(i) {
				names[n-1-i] += " (baseline)"
			}
			e := f.Alternatives[i]
			switch {
			case e.N == 0:
			case e.CI == nil:
				bare = append(bare, plotter.XY{X: e.Mean, Y: row})
			default:
				pts.XYs = append(pts.XYs, plotter.XY{X: e.Mean, Y: row})
				pts.lo, pts.hi = append(pts.lo, e.CI.Lo), append(pts.hi, e.CI.Hi)
			}
		}
		p.NominalY(names...)
		p.Y.Label.Text = ""
		p.Legend.Top, p.Legend.Left = false, false
		if len(pts.XYs) > 0 {
			bars, err := plotter.NewXErrorBars(pts)
			if err == nil {
				bars.LineStyle.Color, bars.LineStyle.Width = palette(0), vg.Points(1.5)
				bars.CapWidth = vg.Points(8)
				p.Add(bars)
			}
			if s, err := plotter.NewScatter(pts.XYs); err == nil {
				s.GlyphStyle.Color, s.GlyphStyle.Shape, s.GlyphStyle.Radius = palette(0), draw.CircleGlyph{}, vg.Points(3.5)
				p.Add(s)
				p.Legend.Add(fmt.Sprintf("mean, %s interval", formatLevel(a.Plan.Confidence)), s)
			}
		}
		if len(bare) > 0 {
			if s, err := plotter.NewScatter(bare); err == nil {
				s.GlyphStyle.Color, s.GlyphStyle.Shape, s.GlyphStyle.Radius = palette(1), draw.RingGlyph{}, vg.Points(3.5)
				p.Add(s)
				p.Legend.Add("one replication: no interval", s)
			}
		}
		padX(p)
		return p
	}
	h := vg.Length(max(n, 2))*0.45*vg.Inch + 1.4*vg.Inch
	return Plot{Stem: "compare-" + slug(f.Metric), Title: title, width: 8 * vg.Inch, height: h, build: build}
}

// padX widens the X range by 5% on each side so that no bar ends on the
// frame.
func padX(p *plot.Plot) {
	if span := p.X.Max - p.X.Min; span > 0 {
		p.X.Min, p.X.Max = p.X.Min-span*0.05, p.X.Max+span*0.05
	} else {
		p.X.Min, p.X.Max = p.X.Min-1, p.X.Max+1
	}
}

// hourValue is one day's figure for one hour; false when the day has none.
type hourValue func(summary map[string]any, hour string) (float64, bool)

// hourlyKey reads a key of the top-level per-hour array.
func (a *Analysis) hourlyKey(key string) hourValue {
	return func(s map[string]any, hour string) (float64, bool) {
		return Lookup(s, byHour+"."+hour+"."+key)
	}
}

// hourlyWait is the mean standby wait of the riders who joined in the
// hour: by_hour's ride_wait_mean_minutes, or where a summary has no
// by_hour, the attractions' hourly means weighted by their riders.
func (a *Analysis) hourlyWait(s map[string]any, hour string) (float64, bool) {
	if _, ok := s[byHour]; ok {
		return Lookup(s, byHour+"."+hour+"."+hourlyRideWait)
	}
	attractions, _ := s[attractionsKey].([]any)
	var sum, riders float64
	for _, at := range attractions {
		obj, ok := at.(map[string]any)
		if !ok {
			continue
		}
		hours, _ := obj[attractionHourly].([]any)
		e, ok := element(hours, hour)
		if !ok {
			continue
		}
		m, _ := e.(map[string]any)
		r, okR := Lookup(m, attractionRiders)
		w, okW := Lookup(m, attractionMeanMin)
		if okR && okW && r > 0 {
			sum += r * w
			riders += r
		}
	}
	if riders == 0 {
		return 0, false
	}
	return sum / riders, true
}

// summaryHours are the hours a summary has figures for: by_hour's, else
// the first attraction's wait_by_hour's (the same for every attraction).
func summaryHours(s map[string]any) []string {
	if h := Hours(s, byHour); h != nil {
		return h
	}
	return Hours(s, attractionsKey+".0."+attractionHourly)
}

// clockHours turns "HH:MM" into hours after midnight.
func clockHours(h string) (float64, bool) {
	hh, mm, ok := strings.Cut(h, ":")
	if !ok {
		return 0, false
	}
	a, err1 := strconv.Atoi(hh)
	b, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return float64(a) + float64(b)/60, true
}

// hourlyPlot draws one line per alternative of the mean over replications
// of value at each hour, in a band of its interval; false when no summary
// has an hour with a value.
func (a *Analysis) hourlyPlot(stem, title, ylabel string, value hourValue) (Plot, bool) {
	var hours []string
	for _, o := range a.outs {
		for _, h := range summaryHours(o.Summary) {
			if _, ok := clockHours(h); ok && !slices.Contains(hours, h) {
				hours = append(hours, h)
			}
		}
	}
	slices.SortFunc(hours, func(x, y string) int {
		hx, _ := clockHours(x)
		hy, _ := clockHours(y)
		return cmp.Compare(hx, hy)
	})
	type series struct {
		mean, lo, hi plotter.XYs
	}
	lines := make([]series, len(a.Plan.Alternatives))
	any := false
	for _, h := range hours {
		x, _ := clockHours(h)
		vals := make([][]float64, len(a.Plan.Alternatives))
		for _, o := range a.outs {
			if v, ok := value(o.Summary, h); ok {
				vals[o.Unit.Alt] = append(vals[o.Unit.Alt], v)
			}
		}
		for i := range vals {
			e := estimate(vals[i], a.Plan.Confidence)
			if e.N == 0 {
				continue
			}
			any = true
			lines[i].mean = append(lines[i].mean, plotter.XY{X: x, Y: e.Mean})
			if e.CI != nil {
				lines[i].lo = append(lines[i].lo, plotter.XY{X: x, Y: e.CI.Lo})
				lines[i].hi = append(lines[i].hi, plotter.XY{X: x, Y: e.CI.Hi})
			}
		}
	}
	if !any {
		return Plot{}, false
	}
	full := fmt.Sprintf("%s (mean, %s band)", title, formatLevel(a.Plan.Confidence))
	build := func() *plot.Plot {
		p := newPlot(full, "hour of the day", ylabel)
		for i, s := range lines {
			c := palette(i)
			if len(s.lo) > 1 {
				ring := slices.Clone(s.lo)
				for k := len(s.hi) - 1; k >= 0; k-- {
					ring = append(ring, s.hi[k])
				}
				if band, err := plotter.NewPolygon(ring); err == nil {
					band.Color = transparent(c, 60)
					band.LineStyle.Width = 0
					p.Add(band)
				}
			}
		}
		for i, s := range lines {
			if len(s.mean) == 0 {
				continue
			}
			l, pts, err := plotter.NewLinePoints(s.mean)
			if err != nil {
				continue
			}
			l.LineStyle.Color, l.LineStyle.Width = palette(i), vg.Points(1.5)
			pts.GlyphStyle.Color, pts.GlyphStyle.Radius = palette(i), vg.Points(2)
			p.Add(l, pts)
			p.Legend.Add(a.Plan.Alternatives[i].ID, l, pts)
		}
		var ticks []plot.Tick
		step := max(1, (len(hours)+11)/12)
		for k, h := range hours {
			x, _ := clockHours(h)
			label := ""
			if k%step == 0 {
				label = h
			}
			ticks = append(ticks, plot.Tick{Value: x, Label: label})
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		p.Y.Min = math.Min(p.Y.Min, 0)
		legendRoom(p, len(a.Plan.Alternatives))
		return p
	}
	return Plot{Stem: stem, Title: full, width: 8 * vg.Inch, height: 4.5 * vg.Inch, build: build}, true
}

// legendRoom raises the Y range so that a top-left legend of rows entries
// sits above the data.
func legendRoom(p *plot.Plot, rows int) {
	span := p.Y.Max - p.Y.Min
	if span <= 0 {
		span = 1
	}
	p.Y.Max += span * 0.08 * float64(rows)
}

// sweepPlot is metric k against the swept value, one line with interval
// bars per scenario and policy; false when no alternative is a sweep
// point.
func (a *Analysis) sweepPlot(k int) (Plot, bool) {
	f := a.Metrics[k]
	type group struct {
		name string
		idx  []int
	}
	var groups []group
	for i, alt := range a.Plan.Alternatives {
		if alt.SweepValue == nil || f.Alternatives[i].N == 0 {
			continue
		}
		name := alt.Scenario + "/" + alt.Policy
		g := slices.IndexFunc(groups, func(g group) bool { return g.name == name })
		if g < 0 {
			groups = append(groups, group{name: name})
			g = len(groups) - 1
		}
		groups[g].idx = append(groups[g].idx, i)
	}
	if len(groups) == 0 {
		return Plot{}, false
	}
	key := a.Plan.Sweep.Key
	title := fmt.Sprintf("%s against %s (mean, %s interval)", f.Metric, key, formatLevel(a.Plan.Confidence))
	build := func() *plot.Plot {
		p := newPlot(title, key, f.Metric)
		var ticks []plot.Tick
		for g, gr := range groups {
			idx := slices.Clone(gr.idx)
			alts := a.Plan.Alternatives
			slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(*alts[x].SweepValue, *alts[y].SweepValue) })
			var pts errorPoints
			for _, i := range idx {
				e := f.Alternatives[i]
				x := *alts[i].SweepValue
				lo, hi := e.Mean, e.Mean
				if e.CI != nil {
					lo, hi = e.CI.Lo, e.CI.Hi
				}
				pts.XYs = append(pts.XYs, plotter.XY{X: x, Y: e.Mean})
				pts.lo, pts.hi = append(pts.lo, lo), append(pts.hi, hi)
				if !slices.ContainsFunc(ticks, func(t plot.Tick) bool { return t.Value == x }) {
					label := alts[i].Treatment
					if _, v, ok := strings.Cut(label, "="); ok {
						label = v
					}
					ticks = append(ticks, plot.Tick{Value: x, Label: label})
				}
			}
			c := palette(g)
			l, s, err := plotter.NewLinePoints(pts.XYs)
			if err != nil {
				continue
			}
			l.LineStyle.Color, l.LineStyle.Width = c, vg.Points(1.5)
			s.GlyphStyle.Color, s.GlyphStyle.Radius = c, vg.Points(3)
			bars, err := plotter.NewYErrorBars(pts)
			if err != nil {
				continue
			}
			bars.LineStyle.Color, bars.CapWidth = c, vg.Points(8)
			p.Add(l, bars, s)
			p.Legend.Add(gr.name, l, s)
		}
		slices.SortFunc(ticks, func(x, y plot.Tick) int { return cmp.Compare(x.Value, y.Value) })
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		padX(p)
		legendRoom(p, len(groups))
		return p
	}
	return Plot{Stem: "sweep-" + slug(f.Metric), Title: title, width: 8 * vg.Inch, height: 4.5 * vg.Inch, build: build}, true
}
