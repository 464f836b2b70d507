package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/meeting"
	"crieur/store"
)

// Drawing the meeting: who is there on the first line, then the agenda's
// topics on the left and, on the right, the coming week's slots and the
// results of the last weeks as small bar charts, or the step of the
// decision being made. Under 60 cells the right column gives way.

func (ms *meetingScreen) View(d *desk, w, h int) string {
	st := d.styles
	if !ms.loaded {
		return "\n" + st.Muted.Render("  "+d.t.Meet.Screen.Loading)
	}
	switch ms.step {
	case stepAttendees:
		return ms.viewAttendees(d, w, h)
	case stepMinutes:
		return ms.viewMinutes(d, w, h)
	}
	head := ansi.Truncate(ms.presentLine(d), w, "…")
	ch := max(h-1, 1)
	if w < 60 {
		if ms.step != stepAgenda {
			return head + "\n" + strings.Join(ms.stepLines(d, w), "\n")
		}
		return head + "\n" + strings.Join(ms.topicLines(d, w, ch), "\n")
	}
	lw, rw := columns2(w)
	left := ms.topicLines(d, lw, ch)
	var right []string
	if ms.step == stepAgenda {
		right = ms.sideLines(d, rw, ch)
	} else {
		right = ms.stepLines(d, rw)
	}
	sep := st.Faint.Render("│")
	rows := make([]string, ch)
	for i := range rows {
		var a, b string
		if i < len(left) {
			a = left[i]
		}
		if i < len(right) {
			b = ansi.Truncate(right[i], rw, "…")
		}
		rows[i] = padRight(ansi.Truncate(a, lw, ""), lw) + " " + sep + " " + b
	}
	return head + "\n" + strings.Join(rows, "\n")
}

// columns2 are the widths of the agenda's two columns, the separator
// between them aside.
func columns2(w int) (left, right int) {
	left = w * 11 / 20
	return left, max(w-left-3, 1)
}

// wrapped cuts text into lines of at most w cells, at spaces when it can.
func wrapped(text string, w int) []string {
	return splitLines(ansi.Hardwrap(ansi.Wordwrap(text, max(w, 1), ""), max(w, 1), true))
}

// presentLine says who is at the meeting.
func (ms *meetingScreen) presentLine(d *desk) string {
	w := &d.t.Meet.Screen
	names := ms.attendees()
	if len(names) == 0 {
		return d.styles.Warning.Render(w.NobodyYet)
	}
	for i := range names {
		names[i] = visible(names[i])
	}
	return d.styles.Muted.Render(fmt.Sprintf(w.Present, strings.Join(names, ", ")))
}

func (ms *meetingScreen) viewAttendees(d *desk, w, h int) string {
	st := d.styles
	mw := &d.t.Meet.Screen
	lines := []string{"", "  " + st.Bold.Render(mw.AttendeesTitle), "  " + st.Muted.Render(mw.AttendeesHint), ""}
	start, end := ms.members.window(len(ms.team), max(h-len(lines), 1))
	for i := start; i < end; i++ {
		m := ms.team[i]
		box := "[ ]"
		if ms.present[m.Name] {
			box = "[x]"
		}
		text := box + " " + visible(m.Name) + " · " + mw.Roles[m.Role]
		if i == ms.members.cursor {
			lines = append(lines, d.cells.selected.paint(padRight(ansi.Truncate("▌ "+text, w, "…"), w)))
			continue
		}
		lines = append(lines, ansi.Truncate("  "+text, w, "…"))
	}
	return strings.Join(lines, "\n")
}

func (ms *meetingScreen) viewMinutes(d *desk, w, h int) string {
	if !ms.minutesReady {
		return "\n" + d.styles.Muted.Render("  "+d.t.Meet.Screen.MinutesLoading)
	}
	lines := splitLines(ms.minutesText)
	start, end := ms.scroll.window(len(lines), h)
	return strings.Join(lines[start:end], "\n")
}

// topicLines are the left column: its title, the sources and their
// topics on screen, and the detail of the topic selected.
func (ms *meetingScreen) topicLines(d *desk, w, ch int) []string {
	st := d.styles
	mw := &d.t.Meet.Screen
	count := 0
	for _, l := range ms.lines {
		if l.topic() {
			count++
		}
	}
	title := st.PaneTitle
	if !ms.focusResults && ms.step == stepAgenda {
		title = st.LabelFocused
	}
	out := []string{title.Render(d.t.N(mw.Topics, count))}
	rows := listRows(ch)
	if count == 0 && len(ms.lines) == 0 {
		out = append(out, st.Muted.Render(mw.NoTopics))
	}
	start, end := ms.topics.window(len(ms.lines), rows)
	for i := start; i < end; i++ {
		out = append(out, ms.agendaLineView(d, i, w))
	}
	for len(out) < rows+1 {
		out = append(out, "")
	}
	out = append(out, "")
	return append(out, ms.detailLines(d, w, detailRows(ch))...)
}

// agendaLineView draws one line of the agenda's list.
func (ms *meetingScreen) agendaLineView(d *desk, i, w int) string {
	st := d.styles
	l := ms.lines[i]
	switch {
	case l.header:
		name := l.source
		if name == "" {
			name = d.t.Meet.Screen.OwnIdeas
		}
		return st.Bold.Render(ansi.Truncate(visible(name), w, "…"))
	case l.empty:
		return "  " + st.Faint.Render(d.t.Meet.Screen.NothingNew)
	}
	mark, style := ms.mark(d, l.post)
	mark = ansi.Truncate(mark, max(w/2, 1), "…")
	tw := max(w-3-cells(mark), 4)
	title := padRight(ansi.Truncate(d.title(l.post.Title), tw, "…"), tw)
	if i == ms.topics.cursor && !ms.focusResults && ms.step == stepAgenda {
		return d.cells.selected.paint(padRight("▌ "+title+" "+mark, w))
	}
	if i == ms.topics.cursor {
		return st.Bold.Render("› "+title) + " " + style.Render(mark)
	}
	return "  " + title + " " + style.Render(mark)
}

// mark says what the meeting decided about a topic, or where it stands.
func (ms *meetingScreen) mark(d *desk, p store.Post) (string, lipgloss.Style) {
	st := d.styles
	mw := &d.t.Meet.Screen
	if t := p.Topic; t != nil && t.Meeting.Equal(ms.at) {
		switch t.Decision {
		case store.DecideThisWeek:
			at := t.Slot.In(d.loc)
			return fmt.Sprintf(mw.MarkThisWeek, d.t.Weekdays[at.Weekday()]+" "+at.Format("15:04"), visible(t.Writer)), st.OK
		case store.DecideLater:
			number := 0
			if wk, err := store.ParseWeek(t.Week, d.loc); err == nil {
				number = wk.Number
			}
			return fmt.Sprintf(mw.MarkLater, number), st.Warning
		case store.DecideDropped:
			return mw.MarkDropped, st.Faint
		}
	}
	return d.t.Status(string(p.Status)), st.StatusStyle(p.Status)
}

// detailLines are the facts of the topic selected: where it comes from
// and when, its link, the angle decided or the start of its notes.
func (ms *meetingScreen) detailLines(d *desk, w, n int) []string {
	st := d.styles
	p, ok := ms.selectedTopic()
	if !ok {
		return nil
	}
	source := p.Source
	if source == "" {
		source = d.t.Meet.Screen.OwnIdeas
	}
	date := p.SourceDate
	if date.IsZero() {
		date = p.Created
	}
	out := []string{st.Muted.Render(ansi.Truncate(fmt.Sprintf(d.t.Meet.Screen.Detail, visible(source), d.t.LongDate(date.In(d.loc))), w, "…"))}
	if t := p.Topic; t != nil && t.Angle != "" {
		out = append(out, ansi.Truncate(fmt.Sprintf(d.t.Meet.Calendar.Angle, visible(t.Angle)), w, "…"))
	}
	if p.Link != "" {
		out = append(out, st.Muted.Render(ansi.Truncate(visible(p.Link), w, "…")))
	}
	var text []string
	for _, l := range splitLines(visibleKeepNewlines(p.Notes)) {
		if l = strings.TrimSpace(l); l != "" {
			text = append(text, l)
		}
	}
	for _, l := range text {
		if len(out) >= n {
			break
		}
		out = append(out, ansi.Truncate(l, w, "…"))
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// sideLines are the right column on the agenda: the coming week's slots,
// then the results of the last weeks as bars, per post and per category.
// With the results in focus and no room for both, the slots give way.
func (ms *meetingScreen) sideLines(d *desk, w, ch int) []string {
	slots := ms.slotLines(d, w)
	results := ms.resultLines(d, w)
	if ms.focusResults && len(slots)+1+len(results) > ch {
		// Keep the selected result on screen.
		sel := 2 + ms.results.cursor
		if sel >= ch {
			results = append(results[:1], results[sel-ch+2:]...)
		}
		return results
	}
	return append(append(slots, ""), results...)
}

func (ms *meetingScreen) slotLines(d *desk, w int) []string {
	st := d.styles
	mw := &d.t.Meet.Screen
	out := []string{st.PaneTitle.Render(mw.SlotsTitle)}
	if len(ms.agenda.Slots) == 0 {
		return append(out, st.Muted.Render(d.t.WeekNoSlots))
	}
	now := d.now()
	for _, sl := range ms.agenda.Slots {
		when := d.slotShort(sl.At)
		if !sl.At.After(now) {
			when += " · " + d.t.Past
		}
		out = append(out, st.Muted.Render(when))
		text, style := ms.slotText(d, sl, max(w-2, 1))
		out = append(out, "  "+style.Render(ansi.Truncate(text, max(w-2, 1), "…")))
	}
	return out
}

// slotText says what fills a slot in w cells: its post, a post to
// validate again, the topic reserved for it, or nothing yet. The title
// gives way before the rest.
func (ms *meetingScreen) slotText(d *desk, sl meeting.Slot, w int) (string, lipgloss.Style) {
	st := d.styles
	mn := &d.t.Meet.Minutes
	fitted := func(format, title string, a ...any) string {
		room := max(w-cells(fmt.Sprintf(format, append([]any{""}, a...)...)), 4)
		return fmt.Sprintf(format, append([]any{ansi.Truncate(d.title(title), room, "…")}, a...)...)
	}
	switch {
	case sl.Post != nil:
		return fitted(d.t.Meet.Screen.SlotPlanned, sl.Post.Title, d.t.Status(string(sl.Post.Status))), st.StatusStyle(sl.Post.Status)
	case sl.Again != nil:
		return fitted("%s · "+mn.SlotAgain, sl.Again.Title), st.Warning
	case sl.Reserved != nil:
		return fitted(mn.SlotReserved, sl.Reserved.Title, visible(writerOf(*sl.Reserved))), st.OK
	}
	return d.t.Meet.Screen.SlotFree, st.Faint
}

// resultLines chart what went out: one bar per post, then per category,
// each as long as its views against the most viewed.
func (ms *meetingScreen) resultLines(d *desk, w int) []string {
	st := d.styles
	mw := &d.t.Meet.Screen
	title := st.PaneTitle
	if ms.focusResults {
		title = st.LabelFocused
	}
	out := []string{title.Render(d.t.N(mw.Results, meeting.ResultWeeks))}
	rs := ms.agenda.Results
	if len(rs) == 0 {
		for _, l := range wrapped(mw.NoResults, w) {
			out = append(out, st.Muted.Render(l))
		}
		return out
	}
	most, figures, typed := 1, 0, false
	for _, r := range rs {
		most = max(most, r.Stats.Views)
		figures = max(figures, cells(d.t.N(d.t.Meet.Minutes.Views, r.Stats.Views)))
		typed = typed || r.Known && r.Stats.Typed
	}
	for _, c := range ms.agenda.Categories {
		figures = max(figures, cells(d.t.N(d.t.Meet.Minutes.Views, c.Views)))
	}
	// Every bar starts and may end at the same column: a label, a mark
	// for figures typed in, the bar, the figure.
	label := min(max(w/3, 8), 24)
	room := max(w-label-5-figures, 1)
	row := func(name, mark, figure string, views, most int, known bool) string {
		line := padRight(ansi.Truncate(name, label, "…"), label) + " " + padRight(mark, 1) + " "
		if !known {
			return line + st.Faint.Render(mw.NoFigures)
		}
		b := bar(views, most, room)
		return line + st.Bar.Render(b) + strings.Repeat(" ", room-cells(b)+1) + st.Muted.Render(figure)
	}
	for i, r := range rs {
		mark := ""
		if r.Known && r.Stats.Typed {
			mark = mw.TypedSign
		}
		line := row(d.title(r.Post.Title), mark, d.t.N(d.t.Meet.Minutes.Views, r.Stats.Views), r.Stats.Views, most, r.Known)
		if ms.focusResults && i == ms.results.cursor {
			line = d.cells.selected.paint(padRight("▌"+ansi.Strip(line), w))
		} else {
			line = " " + line
		}
		out = append(out, ansi.Truncate(line, w, "…"))
	}
	out = append(out, "", st.PaneTitle.Render(mw.ByCategory))
	most = 1
	for _, c := range ms.agenda.Categories {
		most = max(most, c.Views)
	}
	for _, c := range ms.agenda.Categories {
		name := d.t.Category(visible(c.Name))
		if name == "" {
			name = "—"
		}
		out = append(out, ansi.Truncate(" "+row(name, "", d.t.N(d.t.Meet.Minutes.Views, c.Views), c.Views, most, c.Known > 0), w, "…"))
	}
	if typed {
		out = append(out, "", st.Muted.Render(ansi.Truncate(mw.TypedLegend, w, "…")))
	}
	return out
}

// bar is a horizontal bar of value against most, in eighths of a cell,
// at most width cells; a value above zero shows at least a sliver.
func bar(value, most, width int) string {
	if most <= 0 || width <= 0 || value <= 0 {
		return ""
	}
	eighths := min(value, most) * width * 8 / most
	out := strings.Repeat("█", eighths/8)
	if rest := eighths % 8; rest > 0 {
		out += string([]rune("▏▎▍▌▋▊▉")[rest-1])
	}
	if out == "" {
		out = "▏"
	}
	return out
}

// stepLines are the step of the decision being made, in place of the
// slots and results: its question, then its list or its line to type.
func (ms *meetingScreen) stepLines(d *desk, w int) []string {
	st := d.styles
	mw := &d.t.Meet.Screen
	title := d.title(ms.post.Title)
	var out []string
	bold := func(text string) {
		for _, l := range wrapped(text, w) {
			out = append(out, st.Bold.Render(l))
		}
	}
	muted := func(text string) {
		for _, l := range wrapped(text, w) {
			out = append(out, st.Muted.Render(l))
		}
	}
	switch ms.step {
	case stepSlot:
		bold(fmt.Sprintf(mw.SlotPrompt, title))
	case stepWriter:
		bold(mw.WriterPrompt)
		muted(ms.draftSummary(d))
	case stepAngle:
		muted(ms.draftSummary(d))
		bold(mw.AnglePrompt)
	case stepWeek:
		bold(fmt.Sprintf(mw.WeekPrompt, title))
	case stepReason:
		bold(fmt.Sprintf(mw.ReasonPrompt, title))
	case stepViews:
		bold(fmt.Sprintf(mw.ViewsPrompt, title))
	}
	out = append(out, "")
	switch ms.step {
	case stepAngle, stepReason, stepViews:
		return append(out, ms.input.View())
	}
	for i, c := range ms.choices {
		// A choice and its note on one line when they fit, else the note
		// on the lines under it.
		lines := []string{c.label}
		if c.note != "" && cells(c.label+" · "+c.note) <= w-2 {
			lines[0] += " · " + c.note
		} else if c.note != "" {
			for _, l := range wrapped(c.note, w-4) {
				lines = append(lines, "  "+l)
			}
		}
		for j, l := range lines {
			mark := "  "
			if j == 0 && i == ms.choice.cursor {
				mark = "▌ "
			}
			l = ansi.Truncate(mark+l, w, "…")
			switch {
			case i == ms.choice.cursor:
				out = append(out, d.cells.selected.paint(padRight(l, w)))
			case c.off:
				out = append(out, st.Faint.Render(l))
			default:
				out = append(out, l)
			}
		}
	}
	return out
}

// draftSummary is the slot and the writer chosen so far.
func (ms *meetingScreen) draftSummary(d *desk) string {
	s := d.title(ms.post.Title) + " · " + d.slotShort(ms.draft.Slot)
	if ms.draft.Writer != "" {
		s += " · " + visible(ms.draft.Writer)
	}
	return s
}
