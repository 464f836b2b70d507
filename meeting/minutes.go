// Package meeting is the desk's Tuesday editorial meeting seen from
// outside the store: the week's page that the minutes are written from
// (the meeting's decisions, the slots and what fills them, last week's
// results), its Markdown, and the planned and reserved slots as an
// iCalendar file for the team's calendars. The meeting screen and the
// minutes and calendar commands share it.
package meeting

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// Page is what the minutes of a week say.
type Page struct {
	Week store.Week
	// Meeting is the week's meeting (the last one held in it), nil when
	// none was recorded.
	Meeting *store.Meeting
	// From and To bound the slots the page lists: the seven days from
	// the meeting (and any slot it decided into beyond them), or the
	// week itself when there was none.
	From, To time.Time
	Slots    []Slot
	// Results are the posts sent in the seven days before From, with
	// their figures.
	Results []Result
}

// Slot is one slot of the page and what fills it.
type Slot struct {
	At       time.Time
	Post     *store.Post // planned, or sent, there
	Again    *store.Post // lost its validation in the slot: to validate again
	Reserved *store.Post // the topic a meeting reserved it for
}

// Result is one post that went out, and what followers did with it.
type Result struct {
	Post  store.Post
	Stats store.PostStats
	Known bool // figures were read, or typed in
}

// Read gathers the page of a week; with no data file yet (st nil), the
// week's slots, all free.
func Read(st *store.Store, s settings.Settings, week store.Week) (Page, error) {
	p := Page{Week: week, From: week.Start, To: week.End()}
	if st == nil {
		var err error
		p.Slots, err = Slots(nil, s, p.From, p.To)
		return p, err
	}
	meetings, err := st.Meetings(week.Start, week.End())
	if err != nil {
		return p, err
	}
	if n := len(meetings); n > 0 {
		m := meetings[n-1]
		p.Meeting = &m
		p.From, p.To = m.At, m.At.AddDate(0, 0, 7)
		// The slots the meeting decided into are on the page, even
		// those past the seven days.
		for _, d := range m.Decisions {
			if d.Topic.Decision == store.DecideThisWeek && !d.Topic.Slot.Before(p.To) {
				p.To = d.Topic.Slot.Add(time.Second)
			}
		}
	}
	p.Slots, err = Slots(st, s, p.From, p.To)
	if err != nil {
		return p, err
	}
	before, err := st.Slots(p.From.AddDate(0, 0, -7), p.From)
	if err != nil {
		return p, err
	}
	stats, err := st.AllStats()
	if err != nil {
		return p, err
	}
	for _, post := range before.Planned {
		if post.Status != store.StatusSent {
			continue
		}
		st, ok := stats[post.ID]
		p.Results = append(p.Results, Result{Post: post, Stats: st, Known: ok})
	}
	return p, nil
}

// Slots lists the slots of the settings in [from, to), with what fills
// each, and any post planned or reserved at another time, in time order.
// With no data file (st nil), the slots are free.
func Slots(st *store.Store, s settings.Settings, from, to time.Time) ([]Slot, error) {
	loc := s.Location()
	var plan store.WeekPlan
	if st != nil {
		var err error
		if plan, err = st.Slots(from, to); err != nil {
			return nil, err
		}
	}
	byTime := map[int64]*Slot{}
	add := func(at time.Time) *Slot {
		k := at.UnixNano()
		if sl, ok := byTime[k]; ok {
			return sl
		}
		sl := &Slot{At: at.In(loc)}
		byTime[k] = sl
		return sl
	}
	for w := store.WeekOf(from, loc); w.Start.Before(to); w = w.Next() {
		for _, slot := range s.Slots() {
			at := w.SlotTime(slot.Weekday, slot.Hour, slot.Minute, loc)
			if !at.Before(from) && at.Before(to) {
				add(at)
			}
		}
	}
	for i := range plan.Planned {
		add(plan.Planned[i].Slot).Post = &plan.Planned[i]
	}
	for i := range plan.Again {
		add(plan.Again[i].Slot).Again = &plan.Again[i]
	}
	for i := range plan.Reserved {
		add(plan.Reserved[i].At).Reserved = &plan.Reserved[i].Post
	}
	out := make([]Slot, 0, len(byTime))
	for _, sl := range byTime {
		out = append(out, *sl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// Markdown writes the page in the desk's language, its dates in loc.
func (p Page) Markdown(t *i18n.Text, loc *time.Location) string {
	w := &t.Meet.Minutes
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	if m := p.Meeting; m != nil {
		line(w.Title, t.DayAndTime(m.At.In(loc)))
		line("")
		if len(m.Attendees) > 0 {
			line(w.Present, cell(strings.Join(m.Attendees, ", ")))
		} else {
			line("%s", w.NobodyPresent)
		}
		p.decisions(&b, t, loc)
	} else {
		last := p.Week.End().Add(-time.Hour).In(loc)
		line(w.WeekTitle, p.Week.Number, t.LongDate(p.Week.Start.In(loc)), t.LongDate(last))
		line("")
		line(w.NoMeeting, p.Week.Number)
	}
	line("")
	line("%s", w.SlotsTitle)
	line("")
	for _, sl := range p.Slots {
		line("- %s — %s", t.DayAndTime(sl.At.In(loc)), p.slotText(t, sl))
	}
	line("")
	line("%s", w.ResultsTitle)
	line("")
	p.results(&b, t)
	return b.String()
}

// slotText says what fills a slot.
func (p Page) slotText(t *i18n.Text, sl Slot) string {
	w := &t.Meet.Minutes
	switch {
	case sl.Post != nil:
		return fmt.Sprintf("%s (%s)", cell(sl.Post.Title), t.Status(string(sl.Post.Status)))
	case sl.Again != nil:
		return fmt.Sprintf("%s (%s)", cell(sl.Again.Title), w.SlotAgain)
	case sl.Reserved != nil:
		return fmt.Sprintf(w.SlotReserved, cell(sl.Reserved.Title), cell(writer(sl.Reserved)))
	}
	return w.SlotFree
}

func writer(p *store.Post) string {
	if p.Topic != nil && p.Topic.Writer != "" {
		return p.Topic.Writer
	}
	return "?"
}

// decisions writes what the meeting decided: the topics of the week as a
// table, those put off and those dropped as lists.
func (p Page) decisions(b *strings.Builder, t *i18n.Text, loc *time.Location) {
	w := &t.Meet.Minutes
	var now, later, dropped []store.Decision
	for _, d := range p.Meeting.Decisions {
		switch d.Topic.Decision {
		case store.DecideThisWeek:
			now = append(now, d)
		case store.DecideLater:
			later = append(later, d)
		case store.DecideDropped:
			dropped = append(dropped, d)
		}
	}
	sort.SliceStable(now, func(i, j int) bool { return now[i].Topic.Slot.Before(now[j].Topic.Slot) })
	fmt.Fprintf(b, "\n%s\n\n", w.DecidedTitle)
	if len(now) == 0 {
		fmt.Fprintf(b, "%s\n", w.NoDecision)
	} else {
		fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(w.DecidedHeader[:], " | "), strings.Repeat("---|", len(w.DecidedHeader)))
		for _, d := range now {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", t.DayAndTime(d.Topic.Slot.In(loc)), cell(d.Title),
				cell(d.Topic.Writer), cell(d.Topic.Angle), cell(d.Link))
		}
	}
	if len(later) > 0 {
		fmt.Fprintf(b, "\n%s\n\n", w.LaterTitle)
		for _, d := range later {
			fmt.Fprintf(b, w.LaterLine+"\n", cell(d.Title), d.Topic.Week)
		}
	}
	if len(dropped) > 0 {
		fmt.Fprintf(b, "\n%s\n\n", w.DroppedTitle)
		for _, d := range dropped {
			fmt.Fprintf(b, w.DroppedLine+"\n", cell(d.Title), cell(d.Topic.Reason))
		}
	}
}

// results writes last week's posts with their figures, and the sums per
// category.
func (p Page) results(b *strings.Builder, t *i18n.Text) {
	w := &t.Meet.Minutes
	if len(p.Results) == 0 {
		fmt.Fprintf(b, "%s\n", w.NoResults)
		return
	}
	fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(w.ResultsHeader[:], " | "), strings.Repeat("---|", len(w.ResultsHeader)))
	type sum struct{ posts, views int }
	sums := map[string]*sum{}
	var order []string
	for _, r := range p.Results {
		views, reactions := "—", "—"
		if r.Known {
			views = t.Count(r.Stats.Views)
			if r.Stats.Typed {
				views += w.TypedMark
			}
			reactions = Reactions(r.Stats.Reactions)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", cell(r.Post.Title), cell(t.Category(r.Post.Category)), views, reactions)
		c := r.Post.Category
		if sums[c] == nil {
			sums[c] = &sum{}
			order = append(order, c)
		}
		sums[c].posts++
		sums[c].views += r.Stats.Views
	}
	fmt.Fprintf(b, "\n%s\n\n", w.ByCategory)
	sort.SliceStable(order, func(i, j int) bool { return sums[order[i]].views > sums[order[j]].views })
	for _, c := range order {
		name := t.Category(c)
		if name == "" {
			name = "—"
		}
		fmt.Fprintf(b, "%s\n", t.N(w.CategoryLine, sums[c].posts, cell(name), t.N(w.Views, sums[c].views)))
	}
}

// Reactions writes the reactions most given first: "👍 12 ❤️ 3".
func Reactions(r map[string]int) string {
	if len(r) == 0 {
		return "—"
	}
	type kv struct {
		e string
		n int
	}
	var list []kv
	for e, n := range r {
		list = append(list, kv{e, n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].e < list[j].e
	})
	var parts []string
	for _, x := range list {
		parts = append(parts, fmt.Sprintf("%s %d", cell(x.e), x.n))
	}
	return strings.Join(parts, " ")
}

// cell makes text safe in a Markdown table cell and on a terminal: one
// line, no control characters, no column bar.
func cell(s string) string { return strings.ReplaceAll(oneLine(s), "|", `\|`) }

// oneLine makes text safe on a terminal, on one line: no control
// characters nor bidirectional overrides, runs of spaces as one.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r) || (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069'):
			return -1
		}
		return r
	}, s)
	// Runs of spaces as one; a no-break space is French typography, kept.
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }), " ")
}
