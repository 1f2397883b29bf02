package batch

import (
	"bytes"
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
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
// from the analysis each time, with the fonts gonum/plot carries.
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

// WriteSVG writes the plot as SVG. Its text asks for Liberation Sans, the
// font its widths were measured in, else Arial (whose widths are the same)
// or any sans-serif font: embedding the font would make every file some
// hundreds of kilobytes.
func (pl Plot) WriteSVG(w io.Writer) error {
	c := vgsvg.New(pl.width, pl.height)
	pl.build().Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return err
	}
	svg := bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"), []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	_, err := w.Write(svg)
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
// alternatives' means with their intervals and the differences from the
// baselines; ride waits and guests in the
// park by hour, with interval bands, when the summaries have them; and
// for a sweep, each metric against the swept value.
func (a *Analysis) Plots() []Plot {
	var out []Plot
	for k := range a.Metrics {
		out = append(out, a.comparePlot(k))
		if pl, ok := a.differencePlot(k); ok {
			out = append(out, pl)
		}
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
	p.Title.Text = titleLines(title)
	p.Title.Padding = vg.Points(10)
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(6)
	p.Legend.YOffs = vg.Points(-4)
	for _, f := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
		f.Variant = "Sans"
	}
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	p.X.Tick.Marker = trimmedTicks{}
	p.Y.Tick.Marker = trimmedTicks{}
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	p.Add(g)
	return p
}

// axisLabel is a metric short enough to label an axis: the whole path, or
// its last parts (the title has the whole).
func axisLabel(metric string) string {
	const most = 40
	parts := strings.Split(metric, ".")
	for len(parts) > 1 && len(strings.Join(parts, ".")) > most {
		parts = parts[1:]
	}
	return strings.Join(parts, ".")
}

// titleLines breaks a title too long for one line after its first ": "
// or before its first " (".
func titleLines(title string) string {
	if len(title) <= 70 {
		return title
	}
	if i := strings.Index(title, ": "); i >= 0 {
		return title[:i] + "\n" + title[i+2:]
	}
	if i := strings.Index(title, " ("); i >= 0 {
		return title[:i] + "\n" + title[i+1:]
	}
	return title
}

// trimmedTicks are gonum's default ticks labelled without trailing zeros
// ("25", not "25.00").
type trimmedTicks struct{}

func (trimmedTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = trimFloat(ticks[i].Value, 10)
		}
	}
	return ticks
}

// dashes is the line pattern of the i-th series, so that lines drawn
// over one another still show.
func dashes(i int) []vg.Length {
	switch i % 4 {
	case 1:
		return []vg.Length{vg.Points(7), vg.Points(3)}
	case 2:
		return []vg.Length{vg.Points(2), vg.Points(2)}
	case 3:
		return []vg.Length{vg.Points(7), vg.Points(2), vg.Points(2), vg.Points(2)}
	}
	return nil
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
// long ids stay readable; each baseline's group has its colour.
func (a *Analysis) comparePlot(k int) Plot {
	f := a.Metrics[k]
	n := len(a.Plan.Alternatives)
	title := fmt.Sprintf("%s: mean and %s interval per alternative", f.Metric, formatLevel(a.Plan.Confidence))
	build := func() *plot.Plot {
		p := newPlot(title, axisLabel(f.Metric), "")
		names := make([]string, n)
		groups := map[int]int{} // baseline index → colour
		for i, alt := range a.Plan.Alternatives {
			row := float64(n - 1 - i)
			b := baselineIndex(a.Plan, alt)
			if _, ok := groups[b]; !ok {
				groups[b] = len(groups)
			}
			c := palette(groups[b])
			names[n-1-i] = alt.ID
			if a.isBaseline(i) {
				names[n-1-i] += " (baseline)"
			}
			e := f.Alternatives[i]
			if e.N == 0 {
				names[n-1-i] += " (no value)"
				continue
			}
			pts := errorPoints{XYs: plotter.XYs{{X: e.Mean, Y: row}}, lo: []float64{e.Mean}, hi: []float64{e.Mean}}
			if e.CI != nil {
				pts.lo[0], pts.hi[0] = e.CI.Lo, e.CI.Hi
				if bars, err := plotter.NewXErrorBars(pts); err == nil {
					bars.LineStyle.Color, bars.LineStyle.Width = c, vg.Points(1.5)
					bars.CapWidth = vg.Points(8)
					p.Add(bars)
				}
			} else {
				names[n-1-i] += " (one day)"
			}
			if s, err := plotter.NewScatter(pts.XYs); err == nil {
				s.GlyphStyle.Color, s.GlyphStyle.Shape, s.GlyphStyle.Radius = c, draw.CircleGlyph{}, vg.Points(3.5)
				p.Add(s)
			}
		}
		nominalRows(p, names)
		padX(p)
		return p
	}
	return Plot{Stem: "compare-" + slug(f.Metric), Title: title, width: 8 * vg.Inch, height: rowsHeight(n), build: build}
}

// nominalRows labels the Y axis with one name per row, from the bottom,
// with half a row of room above and below.
func nominalRows(p *plot.Plot, names []string) {
	p.NominalY(names...)
	p.Y.Min, p.Y.Max = -0.6, float64(len(names))-0.4
}

// rowsHeight is the height of a plot with one row per item.
func rowsHeight(rows int) vg.Length {
	return vg.Length(max(rows, 2))*0.4*vg.Inch + 1.3*vg.Inch
}

// differencePlot is metric k's paired difference of each alternative from
// its baseline as a share of the baseline's mean, with its interval at the
// comparison's level, over the wider unpaired interval drawn light: what
// the common random numbers gain. False when no comparison has a relative
// difference.
func (a *Analysis) differencePlot(k int) (Plot, bool) {
	f := a.Metrics[k]
	var rows []Comparison
	for _, c := range f.Comparisons {
		if c.Relative != nil {
			rows = append(rows, c)
		}
	}
	if len(rows) == 0 {
		return Plot{}, false
	}
	sameLevel := !slices.ContainsFunc(rows, func(c Comparison) bool { return c.Level != rows[0].Level })
	title := fmt.Sprintf("%s: difference from the baseline, paired interval (dark), unpaired (light)", f.Metric)
	if sameLevel {
		title = fmt.Sprintf("%s: difference from the baseline, paired %s interval (dark), unpaired (light)", f.Metric, formatLevel(rows[0].Level))
	}
	xlabel := "difference (% of the baseline's mean)"
	build := func() *plot.Plot {
		p := newPlot(title, xlabel, "")
		n := len(rows)
		names := make([]string, n)
		multi := slices.ContainsFunc(rows, func(c Comparison) bool { return c.Baseline != rows[0].Baseline })
		zero, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.5}, {X: 0, Y: float64(n) - 0.5}})
		zero.LineStyle.Color, zero.LineStyle.Width = color.Gray{Y: 90}, vg.Points(1)
		zero.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(zero)
		for r, c := range rows {
			row := float64(n - 1 - r)
			alt := a.Plan.Alternatives[c.Alt]
			base := a.Plan.Alternatives[c.Baseline]
			names[n-1-r] = alt.ID
			if multi && base.Scenario == alt.Scenario && base.Policy == alt.Policy {
				names[n-1-r] += " vs " + base.Treatment
			} else if multi {
				names[n-1-r] += " vs " + base.ID
			}
			if !sameLevel {
				names[n-1-r] += fmt.Sprintf(" (%s)", formatLevel(c.Level))
			}
			m := 100 * c.Relative.Mean
			pt := plotter.XYs{{X: m, Y: row}}
			baseMean := f.Alternatives[c.Baseline].Mean
			if c.Unpaired != nil && baseMean != 0 {
				lo, hi := 100*c.Unpaired.Lo/baseMean, 100*c.Unpaired.Hi/baseMean
				if bars, err := plotter.NewXErrorBars(errorPoints{XYs: pt, lo: []float64{min(lo, hi)}, hi: []float64{max(lo, hi)}}); err == nil {
					bars.LineStyle.Color, bars.LineStyle.Width = transparent(palette(0), 90), vg.Points(5)
					bars.CapWidth = 0
					p.Add(bars)
				}
			}
			if ci := c.Relative.CI; ci != nil {
				if bars, err := plotter.NewXErrorBars(errorPoints{XYs: pt, lo: []float64{100 * ci.Lo}, hi: []float64{100 * ci.Hi}}); err == nil {
					bars.LineStyle.Color, bars.LineStyle.Width = palette(0), vg.Points(1.5)
					bars.CapWidth = vg.Points(8)
					p.Add(bars)
				}
			}
			if s, err := plotter.NewScatter(pt); err == nil {
				s.GlyphStyle.Color, s.GlyphStyle.Shape, s.GlyphStyle.Radius = palette(0), draw.CircleGlyph{}, vg.Points(3.5)
				p.Add(s)
			}
		}
		nominalRows(p, names)
		padX(p)
		return p
	}
	return Plot{Stem: "difference-" + slug(f.Metric), Title: title, width: 8 * vg.Inch, height: rowsHeight(len(rows)), build: build}, true
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

// maxBands is the most alternatives an hourly plot draws interval bands
// for: more hide one another.
const maxBands = 4

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
	found := false
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
			found = true
			lines[i].mean = append(lines[i].mean, plotter.XY{X: x, Y: e.Mean})
			if e.CI != nil {
				lines[i].lo = append(lines[i].lo, plotter.XY{X: x, Y: e.CI.Lo})
				lines[i].hi = append(lines[i].hi, plotter.XY{X: x, Y: e.CI.Hi})
			}
		}
	}
	if !found {
		return Plot{}, false
	}
	full := fmt.Sprintf("%s (mean, %s band)", title, formatLevel(a.Plan.Confidence))
	if len(lines) > maxBands {
		full = fmt.Sprintf("%s (mean; no bands for more than %d alternatives)", title, maxBands)
	}
	build := func() *plot.Plot {
		p := newPlot(full, "hour of the day", ylabel)
		for i, s := range lines {
			c := palette(i)
			if len(s.lo) > 1 && len(lines) <= maxBands {
				ring := slices.Clone(s.lo)
				for k := len(s.hi) - 1; k >= 0; k-- {
					ring = append(ring, s.hi[k])
				}
				if band, err := plotter.NewPolygon(ring); err == nil {
					band.Color = transparent(c, 45)
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
			l.LineStyle.Color, l.LineStyle.Width, l.LineStyle.Dashes = palette(i), vg.Points(1.5), dashes(i)
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
		p.X.Min, p.X.Max = p.X.Min-0.25, p.X.Max+0.25
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
	p.Y.Max += span * (0.06 + 0.07*float64(rows))
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
		p := newPlot(title, axisLabel(key), axisLabel(f.Metric))
		var ticks []plot.Tick
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, gr := range groups {
			for _, i := range gr.idx {
				lo, hi = math.Min(lo, *a.Plan.Alternatives[i].SweepValue), math.Max(hi, *a.Plan.Alternatives[i].SweepValue)
			}
		}
		for g, gr := range groups {
			// Groups side by side at each point, so their bars do not hide one another.
			dodge := (hi - lo) * 0.012 * (float64(g) - float64(len(groups)-1)/2)
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
				pts.XYs = append(pts.XYs, plotter.XY{X: x + dodge, Y: e.Mean})
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
