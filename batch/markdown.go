package batch

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes report.md, for a person or a CI job's summary: what
// was compared (alternatives, seeds, replications, confidence and its
// correction), a table per metric, the gates' verdicts, and links to the
// plots by their file names, STEM.png and STEM.svg, which are written
// beside report.md.
func (a *Analysis) WriteMarkdown(w io.Writer) error {
	p := a.Plan
	var b strings.Builder
	fmt.Fprintf(&b, "# Experiment %s\n\n", p.Experiment)
	if p.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(p.Description))
	}
	if failed := len(a.Failed()); failed > 0 {
		fmt.Fprintf(&b, "**❌ %d of %d gate verdicts failed.**\n\n", failed, len(a.Gates))
	} else if len(a.Gates) > 0 {
		fmt.Fprintf(&b, "**✅ No gate failed** (%s).\n\n", plural(len(a.Gates), "verdict"))
	}

	b.WriteString("## What was compared\n\n")
	fmt.Fprintf(&b, "- Plan `%s`, %d alternatives, %s.\n", p.Hash, len(p.Alternatives), a.replicationsText())
	fmt.Fprintf(&b, "- Replication r runs on seed %d + r on every alternative, so alternatives are compared day by day on the same seeds (common random numbers); differences are paired by replication.\n", p.FirstSeed)
	fmt.Fprintf(&b, "- Intervals are Student's t at %s confidence over the replications; p50 and p95 are across replications.\n", formatLevel(p.Confidence))
	if note := a.correctionNote(); note != "" {
		fmt.Fprintf(&b, "- %s\n", note)
	} else {
		b.WriteString("- No correction for multiple comparisons: no baseline has more than one alternative.\n")
	}
	b.WriteString("- A relative difference is the paired difference over the size of the baseline's mean (so a fall is negative whatever the sign); its interval counts the uncertainty of both. \"unpaired\" is Welch's interval of the same difference ignoring the pairing, to show what pairing gains.\n\n")
	b.WriteString("| alternative | scenario | treatment | policy | baseline | replications |\n|---|---|---|---|---|---:|\n")
	for i, alt := range p.Alternatives {
		base := alt.Baseline
		if a.isBaseline(i) {
			base = "(baseline)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d |\n", cell(alt.ID), cell(alt.Scenario), cell(alt.Treatment), cell(alt.Policy), cell(base), a.Replications[i])
	}
	b.WriteString("\n")

	for _, f := range a.Metrics {
		fmt.Fprintf(&b, "## `%s`\n\n", f.Metric)
		b.WriteString("| alternative | n | mean [interval] | p50 | p95 | difference vs baseline [interval] | relative [interval] | unpaired interval |\n")
		b.WriteString("|---|---:|---|---:|---:|---|---|---|\n")
		for i, e := range f.Alternatives {
			diff, rel, unpaired := "baseline", "", ""
			if c := f.comparison(i); c != nil {
				diff, rel = diffCell(c), relativeCell(c)
				if c.Unpaired != nil {
					unpaired = fmt.Sprintf("[%s, %s]", signed(formatValue(c.Unpaired.Lo, c.Unpaired)), signed(formatValue(c.Unpaired.Hi, c.Unpaired)))
				}
				if c.Note != "" {
					rel += " — " + c.Note
				}
			}
			if e.Note != "" && e.N == 0 {
				diff = e.Note
			}
			fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s | %s |\n", cell(p.Alternatives[i].ID), e.N,
				meanCell(e), quantileCell(e, e.P50), quantileCell(e, e.P95), diff, rel, unpaired)
		}
		b.WriteString("\n")
	}

	if len(a.Gates) > 0 {
		b.WriteString("## Gates\n\n")
		for _, v := range a.Gates {
			mark := "✅"
			switch v.Status {
			case GateFailed:
				mark = "❌"
			case GateUnjudged:
				mark = "⚪"
			}
			fmt.Fprintf(&b, "- %s %s\n", mark, cell(v.Message))
		}
		b.WriteString("\n")
	}

	if plots := a.Plots(); len(plots) > 0 {
		b.WriteString("## Plots\n\n")
		for _, pl := range plots {
			fmt.Fprintf(&b, "- [%s](%s.png) ([SVG](%s.svg))\n", pl.Title, pl.Stem, pl.Stem)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// replicationsText says how many replications ran and on which seeds.
func (a *Analysis) replicationsText() string {
	lo, hi := -1, -1
	for _, n := range a.Replications {
		if lo < 0 || n < lo {
			lo = n
		}
		hi = max(hi, n)
	}
	p := a.Plan
	how := ""
	if p.Replications.Count == 0 {
		target := "±" + trimFloat(p.Replications.HalfWidth, 6)
		if p.Replications.Relative {
			target = "±" + trimFloat(p.Replications.HalfWidth*100, 4) + "% of the mean"
		}
		how = fmt.Sprintf(" (run until every interval was within %s, from %d up to %d)", target, p.Replications.Min, p.Replications.Max)
	}
	switch {
	case hi <= 0:
		return "no replications"
	case lo == hi:
		return fmt.Sprintf("%d replications each on seeds %d–%d%s", hi, p.FirstSeed, p.FirstSeed+uint64(hi)-1, how)
	}
	return fmt.Sprintf("%d to %d replications each on seeds from %d%s", lo, hi, p.FirstSeed, how)
}

// plural is n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
