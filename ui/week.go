package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/store"
)

// week is the screen of the ISO week's slots: each with its post, the
// post's validation and the state of its sends, a key away from the
// previous and the next week.
type week struct {
	week     store.Week
	rows     []weekRow
	row      listCursor
	swapFrom int // the row marked for a swap, -1 when none
	picker   *picker
	loaded   bool
}

// weekRow is one slot of the week, or a planned post outside the slots
// (the settings changed since it was planned): its post, or the post that
// lost its validation there and waits to be validated again, or the topic
// a meeting reserved it for.
type weekRow struct {
	at       time.Time
	post     *store.Post
	again    *store.Post
	reserved *store.Post
	sends    []store.Send
	// urgent: the row is a post's urgent sends, outside the slots, at
	// the time they were queued.
	urgent bool
}

// free reports whether a post can be planned or moved into the row.
func (r weekRow) free() bool { return r.post == nil && !r.urgent }

// holds reports whether the row shows a post in its slot.
func (r weekRow) holds() bool { return r.post != nil && !r.urgent }

// picker chooses a validated post for an empty slot.
type picker struct {
	posts []store.Summary
	listCursor
}

// newWeek opens the week of now.
func newWeek(d *desk) (*week, tea.Cmd) {
	wk := &week{week: store.WeekOf(d.now(), d.loc), swapFrom: -1}
	return wk, d.loadWeekCmd(wk.week)
}

// load lays the week's rows out: every slot of the settings, any post
// planned, to validate again or reserved at another time, and the urgent
// sends of the week, at the time they were queued. Only the week on
// screen is taken.
func (wk *week) load(d *desk, msg weekLoadedMsg) {
	if msg.week != wk.week {
		return
	}
	wk.loaded = true
	byTime := map[int64]*weekRow{}
	row := func(at time.Time) *weekRow {
		if r, ok := byTime[at.Unix()]; ok {
			return r
		}
		r := &weekRow{at: at.In(d.loc)}
		byTime[at.Unix()] = r
		return r
	}
	for _, s := range d.settings.Slots() {
		row(wk.week.SlotTime(s.Weekday, s.Hour, s.Minute, d.loc))
	}
	plan := msg.plan
	for i := range plan.Planned {
		p := &plan.Planned[i]
		r := row(p.PlannedFor())
		r.post, r.sends = p, msg.sends[p.ID]
	}
	for i := range plan.Again {
		row(plan.Again[i].Slot).again = &plan.Again[i]
	}
	for i := range plan.Reserved {
		row(plan.Reserved[i].At).reserved = &plan.Reserved[i].Post
	}
	rows := make([]weekRow, 0, len(byTime))
	for _, r := range byTime {
		rows = append(rows, *r)
	}
	// One row per post sent urgently, with its urgent sends.
	byPost := map[string]int{}
	for _, snd := range msg.urgent {
		p, ok := msg.urgentPosts[snd.Post]
		if !ok {
			continue
		}
		if i, ok := byPost[snd.Post]; ok {
			rows[i].sends = append(rows[i].sends, snd)
			continue
		}
		byPost[snd.Post] = len(rows)
		rows = append(rows, weekRow{at: snd.Queued.In(d.loc), post: &p, sends: []store.Send{snd}, urgent: true})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].at.Before(rows[j].at) })
	wk.rows = rows
	wk.row.clamp(len(rows), len(rows))
	if wk.swapFrom >= len(rows) || (wk.swapFrom >= 0 && !rows[wk.swapFrom].holds()) {
		wk.swapFrom = -1
	}
}

// firstShown is the first row drawn in h lines, so that the cursor's row
// is on screen however many rows the week holds (rows take two or three
// lines, so the cursor's offset is worked out here).
func (wk *week) firstShown(h int) int {
	lines := func(r weekRow) int {
		if r.post == nil && r.reserved == nil && r.again == nil {
			return 2 // the slot, a blank line
		}
		return 3 // the post or the topic, its state, a blank line
	}
	first, used := 0, 0
	for i := 0; i <= wk.row.cursor && i < len(wk.rows); i++ {
		used += lines(wk.rows[i])
		for used > h && first < i {
			used -= lines(wk.rows[first])
			first++
		}
	}
	return first
}

func (wk *week) selected() (weekRow, bool) {
	if wk.row.cursor < 0 || wk.row.cursor >= len(wk.rows) {
		return weekRow{}, false
	}
	return wk.rows[wk.row.cursor], true
}

// postChanged puts a post as the store returned it in the row that shows
// it; the sends follow when the week is read again.
func (wk *week) postChanged(p store.Post) {
	for i := range wk.rows {
		for _, at := range []**store.Post{&wk.rows[i].post, &wk.rows[i].again, &wk.rows[i].reserved} {
			if r := *at; r != nil && r.ID == p.ID {
				q := p
				*at = &q
			}
		}
	}
}

// pick opens the list of validated posts for the selected empty slot.
func (wk *week) pick(d *desk, posts []store.Summary) {
	if len(posts) == 0 {
		d.fail(d.t.MsgNothingValidated)
		return
	}
	wk.picker = &picker{posts: posts}
}

// pickerRows is how many posts the picker shows.
func (wk *week) pickerRows(d *desk) int { return max(d.height-5, 1) }

func (wk *week) keyMap(d *desk) keyMap {
	if wk.picker != nil {
		return d.keys.picker
	}
	return wk.keysNow(d)
}

func (wk *week) keysNow(d *desk) weekKeys {
	k := d.keys.week
	row, ok := wk.selected()
	inSlot := ok && row.holds()
	enable(ok && d.may(actPlan), &k.Assign)
	enable((inSlot && (row.post.Status == store.StatusPlanned || len(d.orphans(row)) > 0) || ok && row.free() && row.reserved != nil) && d.may(actPlan), &k.Unassign)
	// x marks a planned post, then swaps it with another or moves it to
	// a free slot.
	marked := wk.swapFrom >= 0 && wk.swapFrom < len(wk.rows)
	enable((inSlot && row.post.Status == store.StatusPlanned || marked && (row.free() || inSlot)) && d.may(actPlan), &k.Swap)
	enable(ok && row.post != nil && d.dispatcher != nil && !allSent(row.post, row.sends, d.settings.DestinationNames()) && d.may(actSend), &k.SendNow)
	enable(ok && row.post != nil && toSettle(row.sends) && d.may(actSend), &k.MarkSent, &k.MarkNotSent)
	enable(d.publishing() != nil, &k.RefreshStats)
	enable(d.wa != nil && d.may(actAdmin), &k.WhatsApp)
	enable(len(d.pendingSends) > 0, &k.Pending)
	return k
}

// toSettle reports whether some of the sends wait for a person's word.
func toSettle(sends []store.Send) bool {
	for _, s := range sends {
		if s.State == store.SendUnknown || s.State == store.SendPaste {
			return true
		}
	}
	return false
}

// allSent reports whether a post already went out, or is on its way, to
// every destination: sending it now again would be refused.
func allSent(p *store.Post, sends []store.Send, destinations []string) bool {
	if p.Status == store.StatusSent {
		return true
	}
	last := map[string]store.SendState{}
	for _, s := range sends {
		if s.State != store.SendCancelled {
			last[s.Destination] = s.State
		}
	}
	for _, d := range destinations {
		switch last[d] {
		case store.SendSent, store.SendSending, store.SendPaste, store.SendUnknown:
		default:
			return false
		}
	}
	return len(destinations) > 0
}

func (wk *week) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	if pk := wk.picker; pk != nil {
		return wk.pickerKeyPress(d, k)
	}
	keys := wk.keysNow(d)
	row, _ := wk.selected()
	// The swap's mark holds for the next x; any other action drops it.
	if wk.swapFrom >= 0 && !key.Matches(k, keys.Swap, keys.Down, keys.Up, keys.Help) {
		wk.swapFrom = -1
		if key.Matches(k, keys.Close) {
			d.say(d.t.Plan.MsgSwapCancelled)
			return nil, nil
		}
	}
	switch {
	case key.Matches(k, keys.Down):
		wk.row.move(1, len(wk.rows), len(wk.rows))
	case key.Matches(k, keys.Up):
		wk.row.move(-1, len(wk.rows), len(wk.rows))
	case key.Matches(k, keys.NextWeek, keys.PrevWeek):
		next := wk.week.Next()
		if key.Matches(k, keys.PrevWeek) {
			next = wk.week.Prev()
		}
		// The rows of the week left go at once, and only the other week's
		// answer is taken: a key pressed before its rows arrive must not
		// act on a slot of the week left (enter planned a post there).
		wk.week, wk.row, wk.swapFrom, wk.rows, wk.loaded = next, listCursor{}, -1, nil, false
		return d.loadWeekCmd(next), nil
	case key.Matches(k, keys.Assign):
		return wk.assign(d, row)
	case key.Matches(k, keys.Unassign):
		if row.post == nil {
			q := fmt.Sprintf(d.t.Meet.Screen.ConfirmRelease, d.title(row.reserved.Title))
			return nil, askMsg{question: q, yes: answer{run: d.releaseCmd(row.reserved.ID)}}
		}
		if orphans := d.orphans(row); len(orphans) > 0 && row.post.Status != store.StatusPlanned {
			return nil, d.cancelOrphans(row.post, orphans)
		}
		return d.unplanCmd(row.post.ID), nil
	case key.Matches(k, keys.Swap):
		if wk.swapFrom < 0 {
			wk.swapFrom = wk.row.cursor
			d.say(d.t.Plan.MsgSwapPick)
			return nil, nil
		}
		from := wk.rows[wk.swapFrom].post
		wk.swapFrom = -1
		switch {
		case row.free():
			return d.moveCmd(from.ID, row.at), nil
		case from.ID == row.post.ID:
			d.say(d.t.Plan.MsgSwapCancelled)
			return nil, nil
		}
		return d.swapCmd(from.ID, row.post.ID), nil
	case key.Matches(k, keys.SendNow):
		if orphans := d.orphans(row); len(orphans) > 0 {
			return nil, d.moveOrphans(row.post, orphans)
		}
		q := fmt.Sprintf(d.t.ConfirmSendNow, d.title(row.post.Title), strings.Join(d.settings.DestinationNames(), ", "))
		return nil, askMsg{question: q, yes: answer{now: sendNowMsg{row.post.ID}}}
	case key.Matches(k, keys.MarkSent, keys.MarkNotSent):
		return d.settleSendsCmd(row.sends, row.post.Title, key.Matches(k, keys.MarkSent)), nil
	case key.Matches(k, keys.Pending):
		return nil, showMsg{screenPending}
	case key.Matches(k, keys.RefreshStats):
		return d.refreshStatsCmd(true), nil
	case key.Matches(k, keys.WhatsApp):
		return nil, showMsg{screenWhatsApp}
	case key.Matches(k, keys.Close):
		return nil, closeMsg{}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// assign does what enter does on a slot: the preview of its post, or of
// the post to validate again there; a validated post whose slot was
// reserved goes into it, as a person decided; an empty slot opens the
// list of validated posts.
func (wk *week) assign(d *desk, row weekRow) (tea.Cmd, tea.Msg) {
	switch {
	case row.post != nil:
		return d.loadPreviewCmd(row.post.ID), nil
	case row.reserved != nil && !row.at.After(d.now()):
		d.fail(d.t.Meet.Screen.PastReserved)
		return nil, nil
	case row.reserved != nil && row.reserved.Status == store.StatusValidated:
		return d.planCmd(row.reserved.ID, row.at), nil
	case row.reserved != nil:
		return d.loadPreviewCmd(row.reserved.ID), nil
	case row.again != nil:
		return d.loadPreviewCmd(row.again.ID), nil
	}
	return nil, pickMsg{}
}

func (wk *week) pickerKeyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	pk, keys := wk.picker, d.keys.picker
	switch {
	case key.Matches(k, keys.Down):
		pk.move(1, len(pk.posts), wk.pickerRows(d))
	case key.Matches(k, keys.Up):
		pk.move(-1, len(pk.posts), wk.pickerRows(d))
	case key.Matches(k, keys.Close):
		wk.picker = nil
	case key.Matches(k, keys.Pick):
		row, ok := wk.selected()
		if !ok || pk.cursor >= len(pk.posts) {
			break
		}
		wk.picker = nil
		post := pk.posts[pk.cursor]
		if !row.at.After(d.now()) {
			// A slot already past would send the post at once, unasked:
			// it is refused, and sending now is offered, no by default.
			q := fmt.Sprintf(d.t.Plan.PastSlot, d.slotName(row.at), d.title(post.Title()), strings.Join(d.settings.DestinationNames(), ", "))
			return nil, askMsg{question: q, defaultNo: true, yes: answer{now: sendNowMsg{post.ID()}}}
		}
		return d.planCmd(post.ID(), row.at), nil
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// heading is the right of the title line: the week, and whether sends
// are under way.
func (wk *week) heading(d *desk) string {
	title := fmt.Sprintf(d.t.WeekTitle, wk.week.Number, d.t.ShortDate(wk.week.Start), d.t.ShortDate(wk.week.End().Add(-time.Hour)))
	if d.sending {
		title = d.t.Sending + " · " + title
	}
	return d.styles.Muted.Render(title)
}

func (wk *week) View(d *desk, w, h int) string {
	st := d.styles
	lines := []string{""}
	if wk.picker != nil {
		return strings.Join(append(lines, wk.viewPicker(d, w, h-1)...), "\n")
	}
	if !wk.loaded {
		return strings.Join(append(lines, st.Muted.Render("  "+d.t.WeekLoading)), "\n")
	}
	if len(wk.rows) == 0 {
		return strings.Join(append(lines, st.Muted.Render("  "+d.t.WeekNoSlots)), "\n")
	}
	now := d.now().In(d.loc)
	today := now.Format("2006-01-02")
	for i := wk.firstShown(h - len(lines)); i < len(wk.rows) && len(lines) < h; i++ {
		row := wk.rows[i]
		at := row.at.In(d.loc)
		when := fmt.Sprintf("%s %s", d.t.ShortDate(at), at.Format("15:04"))
		cursor, mark := " ", " "
		if i == wk.row.cursor {
			cursor = "▌"
		}
		switch {
		case i == wk.swapFrom:
			mark = "⇅"
		case at.Format("2006-01-02") == today:
			mark = "•"
		}
		head := cursor + mark + " " + padRight(when, 20) + padRight(d.rowWhen(row, now), 15)
		var second string
		if row.post == nil {
			var text string
			text, second = d.openSlot(row, now, w-cells(head))
			head += text
		} else {
			p := row.post
			badge := st.StatusStyle(p.Status).Render(padRight(d.t.Status(string(p.Status)), 10))
			if p.Status == store.StatusSending && d.toPaste(p.ID) {
				badge = st.Warning.Render(padRight(d.t.Settle.States["paste"], 10))
			}
			if row.urgent {
				badge = st.Error.Render(padRight(d.t.Plan.Urgent, 10))
			}
			head += badge + " " + d.title(p.Title)
			second = strings.Repeat(" ", 38) + d.proofState(*p) + st.Faint.Render(" · ") + d.sendStates(row.sends, d.orphans(row))
			if stats := d.statsText(p.ID); stats != "" && p.Status == store.StatusSent {
				second += st.Faint.Render(" · ") + st.Muted.Render(stats)
			}
		}
		head = ansi.Truncate(head, w, "…")
		if i == wk.row.cursor {
			head = d.cells.selected.paint(padRight(ansi.Strip(head), w))
		}
		lines = append(lines, head)
		if second != "" {
			lines = append(lines, ansi.Truncate(second, w, "…"))
		}
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// openSlot draws a slot without a planned post: the topic a meeting
// reserved it for and where its post stands, warning when it is too late
// for the post to go out by itself; a post to validate again; or nothing.
func (d *desk) openSlot(row weekRow, now time.Time, w int) (head, second string) {
	st := d.styles
	pad := strings.Repeat(" ", 38)
	switch {
	case row.reserved != nil:
		p := row.reserved
		// The title gives way before the writer.
		format, writer := d.t.Meet.Minutes.SlotReserved, visible(writerOf(*p))
		room := max(w-cells(fmt.Sprintf(format, "", writer)), 4)
		head = st.OK.Render(fmt.Sprintf(format, ansi.Truncate(d.title(p.Title), room, "…"), writer))
		second = pad + st.StatusStyle(p.Status).Render(d.t.Status(string(p.Status)))
		if !row.at.After(now.Add(d.settings.LeadTime())) {
			second += st.Faint.Render(" · ") + st.Warning.Render(d.t.Meet.Screen.ReservedLate)
		}
		if row.again != nil {
			second += st.Faint.Render(" · ") + st.Warning.Render(d.title(row.again.Title)+" · "+d.t.Meet.Minutes.SlotAgain)
		}
	case row.again != nil:
		p := row.again
		head = st.StatusStyle(p.Status).Render(padRight(d.t.Status(string(p.Status)), 10)) + " " + d.title(p.Title)
		second = pad + st.Warning.Render(d.t.Meet.Minutes.SlotAgain)
	default:
		head = st.Faint.Render(d.t.EmptySlot)
	}
	return head, second
}

// rowWhen is how far a slot is, or when its post went: a slot whose post
// went early counts down no more.
func (d *desk) rowWhen(row weekRow, now time.Time) string {
	if row.post != nil {
		var went time.Time
		for _, s := range row.sends {
			if a := s.Last(); a != nil && s.State != store.SendQueued && s.State != store.SendCancelled && a.At.After(went) {
				went = a.At
			}
		}
		if !went.IsZero() {
			return fmt.Sprintf(d.t.Plan.Went, went.In(d.loc).Format("15:04"))
		}
	}
	return d.timeLeft(row.at, now)
}

// slotName is a slot as a person names it: "jeudi 26 novembre 12:00".
func (d *desk) slotName(at time.Time) string { return d.t.DayAndTime(at.In(d.loc)) }

// goes says when a post will go out: "part jeudi 12:00" within the week,
// with the date further off; "part maintenant" when its time has come.
func (d *desk) goes(at time.Time) string {
	now := d.now()
	if !at.After(now) {
		return d.t.Plan.GoesNow
	}
	local := at.In(d.loc)
	when := d.t.Meet.WeekdaysLong[local.Weekday()] + " " + local.Format("15:04")
	if store.WeekOf(at, d.loc) != store.WeekOf(now, d.loc) {
		when = d.slotName(at)
	}
	return fmt.Sprintf(d.t.Plan.Goes, when)
}

// sendStates lists each destination's last send, or says none is queued;
// orphans are the destinations whose queued send waits for a person.
func (d *desk) sendStates(sends []store.Send, orphans []string) string {
	st := d.styles
	last := map[string]store.Send{}
	var order []string
	for _, s := range sends {
		if _, ok := last[s.Destination]; !ok {
			order = append(order, s.Destination)
		}
		last[s.Destination] = s
	}
	if len(order) == 0 {
		return st.Muted.Render(d.t.NotQueued)
	}
	var parts []string
	for _, dest := range order {
		s := last[dest]
		style := st.Muted
		switch s.State {
		case store.SendSent:
			style = st.OK
		case store.SendFailed, store.SendUnknown:
			style = st.Error
		case store.SendPaste:
			style = st.Warning
		}
		state := d.t.SendStates[string(s.State)]
		if last := s.Last(); s.State == store.SendQueued && last != nil && last.NotSent {
			state = d.t.WaitingNetwork
		}
		if s.State == store.SendQueued && slices.Contains(orphans, dest) {
			state, style = d.t.Orphaned, st.Error
		}
		parts = append(parts, fmt.Sprintf(d.t.SendStateLine, visible(dest), style.Render(state)))
	}
	return strings.Join(parts, st.Faint.Render(" · "))
}

func (wk *week) viewPicker(d *desk, w, h int) []string {
	pk := wk.picker
	st := d.styles
	title := d.t.PickTitle
	if row, ok := wk.selected(); ok && row.at.After(d.now()) {
		title += " · " + d.goes(row.at)
	} else if ok {
		title += " · " + d.t.Past
	}
	lines := splitLines(wrapStyled(title, w, st.Bold.Render))
	start, end := pk.window(len(pk.posts), max(h-2, 1))
	for i := start; i < end; i++ {
		text := "  " + d.title(pk.posts[i].Title())
		if i == pk.cursor {
			text = d.cells.selected.paint(padRight("▌ "+d.title(pk.posts[i].Title()), w))
		}
		lines = append(lines, ansi.Truncate(text, w, "…"))
	}
	return lines
}

// timeLeft says how far a slot is: "in 2 d 3 h", "in 40 min", or "past".
func (d *desk) timeLeft(at, now time.Time) string {
	dur := at.Sub(now)
	switch {
	case dur < 0:
		return d.t.Past
	case dur < time.Hour:
		return fmt.Sprintf(d.t.InMinutes, int(dur.Minutes()))
	case dur < 24*time.Hour:
		return fmt.Sprintf(d.t.InHours, int(dur.Hours()), int(dur.Minutes())%60)
	}
	return fmt.Sprintf(d.t.InDays, int(dur.Hours())/24, int(dur.Hours())%24)
}

// proofState is a planned post's validation and checks, in a few words.
func (d *desk) proofState(p store.Post) string {
	st := d.styles
	var out string
	if v := p.Validation; v != nil {
		out = st.OK.Render("✓ " + visible(v.By))
	} else {
		out = st.Warning.Render(d.t.NotValidated)
	}
	if p.Problems > 0 {
		out += " " + st.Problem.Render(fmt.Sprintf("%s %d", d.t.Problems, p.Problems))
	}
	return out
}
