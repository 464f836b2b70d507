package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// week is the screen of the ISO week's slots: each with its post, the
// post's validation and the state of its sends, a key away from the
// previous and the next week.
type week struct {
	week     store.Week
	rows     []weekRow
	cursor   int
	swapFrom int // the row marked for a swap, -1 when none
	picker   *picker
	loaded   bool
}

// weekRow is one slot of the week, or a planned post outside the slots
// (the settings changed since it was planned).
type weekRow struct {
	at    time.Time
	post  *store.Post
	sends []store.Send
}

// picker chooses a validated post for an empty slot.
type picker struct {
	posts  []store.Summary
	cursor int
}

type weekLoadedMsg struct {
	week  store.Week
	posts []store.Post
	sends map[string][]store.Send
	err   error
}

// dispatchedMsg is the report of a run of the due sends.
type dispatchedMsg struct {
	report sender.Report
	clip   string // the text the copy-and-paste destination needs
	err    error
}

// weekChangedMsg follows a plan, an unplan, a swap or a resolution.
type weekChangedMsg struct {
	posts []store.Post
	say   string
	err   error
}

// dispatchTick runs the due sends while the desk is open.
type dispatchTick struct{}

// dispatchEvery is how often the open desk looks for due sends.
const dispatchEvery = 30 * time.Second

func (m Model) loadWeekCmd(w store.Week) tea.Cmd {
	st := m.st
	return func() tea.Msg {
		posts, err := st.Planned(w.Start, w.End())
		if err != nil {
			return weekLoadedMsg{err: err}
		}
		sends := map[string][]store.Send{}
		for _, p := range posts {
			s, err := st.Sends(p.ID)
			if err != nil {
				return weekLoadedMsg{err: err}
			}
			sends[p.ID] = s
		}
		return weekLoadedMsg{week: w, posts: posts, sends: sends}
	}
}

// openWeek shows the week of now.
func (m Model) openWeek() (tea.Model, tea.Cmd) {
	m.week = &week{week: store.WeekOf(m.now(), m.loc), swapFrom: -1}
	m.screen = screenWeek
	return m, m.loadWeekCmd(m.week.week)
}

// setWeek lays the week's rows out: every slot of the settings, and any
// post planned at another time.
func (wk *week) set(msg weekLoadedMsg, slots []settings.Slot, loc *time.Location) {
	wk.week, wk.loaded = msg.week, true
	byTime := map[int64]*store.Post{}
	for i := range msg.posts {
		byTime[msg.posts[i].PlannedFor().Unix()] = &msg.posts[i]
	}
	var rows []weekRow
	for _, s := range slots {
		at := wk.week.SlotTime(s.Weekday, s.Hour, s.Minute, loc)
		row := weekRow{at: at}
		if p, ok := byTime[at.Unix()]; ok {
			row.post, row.sends = p, msg.sends[p.ID]
			delete(byTime, at.Unix())
		}
		rows = append(rows, row)
	}
	for _, p := range byTime {
		rows = append(rows, weekRow{at: p.PlannedFor().In(loc), post: p, sends: msg.sends[p.ID]})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].at.Before(rows[j].at) })
	wk.rows = rows
	wk.cursor = min(max(wk.cursor, 0), max(len(rows)-1, 0))
}

func (wk *week) selected() (weekRow, bool) {
	if wk.cursor < 0 || wk.cursor >= len(wk.rows) {
		return weekRow{}, false
	}
	return wk.rows[wk.cursor], true
}

// planCmd puts a post in a slot and queues it, at the slot's time, to
// every destination, in one transaction.
func (m Model) planCmd(id string, at time.Time) tea.Cmd {
	st, dests, t := m.st, m.settings.DestinationNames(), m.t
	return func() tea.Msg {
		p, _, err := st.PlanAndQueue(id, at, dests)
		return weekChangedMsg{posts: []store.Post{p}, say: fmt.Sprintf(t.MsgPlanned, p.Title), err: err}
	}
}

func (m Model) unplanCmd(id string) tea.Cmd {
	st, t := m.st, m.t
	return func() tea.Msg {
		p, err := st.Unplan(id)
		return weekChangedMsg{posts: []store.Post{p}, say: fmt.Sprintf(t.MsgUnplanned, p.Title), err: err}
	}
}

func (m Model) swapCmd(a, b string) tea.Cmd {
	st, t := m.st, m.t
	return func() tea.Msg {
		pa, pb, err := st.Swap(a, b)
		return weekChangedMsg{posts: []store.Post{pa, pb}, say: t.MsgSwapped, err: err}
	}
}

// sendNowCmd queues a planned post for now, to every destination, in
// place of what was queued for its slot, and runs the due sends.
func (m Model) sendNowCmd(id string) tea.Cmd {
	st, dests, now := m.st, m.settings.DestinationNames(), m.now
	run := m.dispatchCmd()
	return func() tea.Msg {
		if _, err := st.SendNow(id, dests, now(), false, ""); err != nil {
			return dispatchedMsg{err: err}
		}
		return run()
	}
}

// dispatchCmd runs the due sends through the back-ends. A copy-and-paste
// send leaves its text for the desk to put on the clipboard.
func (m Model) dispatchCmd() tea.Cmd {
	d, st, settings := m.dispatcher, m.st, m.settings
	if d == nil {
		return nil
	}
	return func() tea.Msg {
		report, err := d.RunDue(context.Background())
		msg := dispatchedMsg{report: report, err: err}
		for _, r := range report.Sends {
			if r.Outbox == "" {
				continue
			}
			if p, err := st.Post(r.PostID); err == nil {
				msg.clip = sender.Build(p, settings).Text
			}
		}
		return msg
	}
}

func (m Model) resolveCmd(sends []store.Send, sent bool) tea.Cmd {
	st, who, t := m.st, m.who, m.t
	return func() tea.Msg {
		n := 0
		for _, s := range sends {
			if s.State != store.SendUnknown {
				continue
			}
			if _, err := st.Resolve(s.ID, sent, who); err != nil {
				return weekChangedMsg{err: err}
			}
			n++
		}
		say := t.MsgResolvedNotSent
		if sent {
			say = t.MsgResolvedSent
		}
		return weekChangedMsg{say: fmt.Sprintf(say, n)}
	}
}

func (m Model) dispatchTickCmd() tea.Cmd {
	if m.dispatcher == nil {
		return nil
	}
	return tea.Tick(dispatchEvery, func(time.Time) tea.Msg { return dispatchTick{} })
}

// weekResults applies the messages of the week and of sending, whatever
// the screen.
func (m *Model) weekResults(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case weekLoadedMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
		} else if m.week != nil && msg.week == m.week.week {
			m.week.set(msg, m.settings.Slots(), m.loc)
		}
		return nil, true
	case weekChangedMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
		} else {
			m.say(visible(msg.say))
		}
		return m.afterSending(), true
	case dispatchedMsg:
		m.sending = false
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return m.afterSending(), true
		}
		m.reportSends(msg.report)
		if len(msg.report.Sends) == 0 && msg.report.Recovered == 0 {
			// Nothing was due: nothing changed, and reloading the backlog
			// every time would hold a second copy of it in memory.
			return nil, true
		}
		var clip tea.Cmd
		if msg.clip != "" {
			clip = tea.SetClipboard(msg.clip)
		}
		return tea.Batch(clip, m.afterSending()), true
	case dispatchTick:
		if m.sending {
			return m.dispatchTickCmd(), true
		}
		m.sending = true
		return tea.Batch(m.dispatchCmd(), m.dispatchTickCmd()), true
	}
	return nil, false
}

// afterSending reloads what sending changed: the backlog and the week.
func (m *Model) afterSending() tea.Cmd {
	cmds := []tea.Cmd{m.loadCmd()}
	if m.week != nil {
		cmds = append(cmds, m.loadWeekCmd(m.week.week))
	}
	return tea.Batch(cmds...)
}

// reportSends says what a run of the due sends did, in one line.
func (m *Model) reportSends(r sender.Report) {
	if len(r.Sends) == 0 && r.Recovered == 0 {
		if r.Retargeted > 0 {
			m.say(fmt.Sprintf(m.t.MsgRetargeted, r.Retargeted, strings.Join(m.settings.DestinationNames(), ", ")))
		}
		return
	}
	var sent, waiting, problems int
	for _, s := range r.Sends {
		switch {
		case s.Result == sender.ResultSent:
			sent++
		case s.Result == sender.ResultWaiting:
			waiting++
		case s.Outbox != "":
			// copy-and-paste: waits for the person's confirmation
		default:
			problems++
		}
	}
	for _, s := range r.Sends {
		if s.Outbox != "" {
			m.say(fmt.Sprintf(m.t.MsgPasteNow, visible(s.Title)))
			return
		}
	}
	text := fmt.Sprintf(m.t.MsgSendsRun, sent, waiting, problems+r.Recovered)
	if problems+r.Recovered > 0 {
		m.fail(text)
	} else {
		m.say(text)
	}
}

func (m Model) updateWeek(msg tea.Msg) (tea.Model, tea.Cmd) {
	wk := m.week
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	keys := m.keys
	if pk := wk.picker; pk != nil {
		switch {
		case key.Matches(k, keys.Down):
			pk.cursor = min(pk.cursor+1, len(pk.posts)-1)
		case key.Matches(k, keys.Up):
			pk.cursor = max(pk.cursor-1, 0)
		case key.Matches(k, keys.Close):
			wk.picker = nil
		case k.String() == "enter":
			row, ok := wk.selected()
			if ok && pk.cursor < len(pk.posts) {
				wk.picker = nil
				return m, m.planCmd(pk.posts[pk.cursor].ID, row.at)
			}
		}
		return m, nil
	}
	row, hasRow := wk.selected()
	switch {
	case key.Matches(k, keys.Down):
		wk.cursor = min(wk.cursor+1, len(wk.rows)-1)
	case key.Matches(k, keys.Up):
		wk.cursor = max(wk.cursor-1, 0)
	case key.Matches(k, keys.NextWeek), key.Matches(k, keys.PrevWeek):
		next := wk.week.Next()
		if key.Matches(k, keys.PrevWeek) {
			next = wk.week.Prev()
		}
		// The rows stay until the other week's arrive; only that week's
		// answer is taken.
		wk.week, wk.cursor, wk.swapFrom = next, 0, -1
		return m, m.loadWeekCmd(next)
	case key.Matches(k, keys.Assign):
		if !hasRow {
			return m, nil
		}
		if row.post != nil {
			return m, m.loadPreviewCmd(row.post.ID)
		}
		var posts []store.Summary
		for _, s := range m.backlog.posts {
			if s.Status == store.StatusValidated {
				posts = append(posts, s)
			}
		}
		if len(posts) == 0 {
			m.fail(m.t.MsgNothingValidated)
			return m, nil
		}
		wk.picker = &picker{posts: posts}
	case key.Matches(k, keys.Unassign):
		if hasRow && row.post != nil {
			return m, m.unplanCmd(row.post.ID)
		}
	case key.Matches(k, keys.Swap):
		if !hasRow || row.post == nil {
			return m, nil
		}
		if wk.swapFrom < 0 || wk.swapFrom >= len(wk.rows) || wk.rows[wk.swapFrom].post == nil {
			wk.swapFrom = wk.cursor
			m.say(m.t.MsgSwapPick)
			return m, nil
		}
		from := wk.rows[wk.swapFrom].post.ID
		wk.swapFrom = -1
		if from == row.post.ID {
			return m, nil
		}
		return m, m.swapCmd(from, row.post.ID)
	case key.Matches(k, keys.SendNow):
		if !hasRow || row.post == nil {
			return m, nil
		}
		if m.dispatcher == nil {
			m.fail(m.t.MsgNoDispatcher)
			return m, nil
		}
		id, title := row.post.ID, row.post.Title
		m.ask(fmt.Sprintf(m.t.ConfirmSendNow, m.title(title), strings.Join(m.settings.DestinationNames(), ", ")), false,
			func(m *Model) tea.Cmd {
				m.sending = true
				return m.sendNowCmd(id)
			}, nil)
	case key.Matches(k, keys.MarkSent), key.Matches(k, keys.MarkNotSent):
		if hasRow && row.post != nil {
			return m, m.resolveCmd(row.sends, key.Matches(k, keys.MarkSent))
		}
	case key.Matches(k, keys.RefreshStats):
		return m, m.refreshStatsCmd(true)
	case key.Matches(k, keys.WhatsApp):
		return m.openWhatsApp()
	case key.Matches(k, keys.Close):
		m.screen, m.week = screenBacklog, nil
	case key.Matches(k, keys.Help):
		m.helpFrom, m.screen = screenWeek, screenHelp
	case key.Matches(k, keys.Quit):
		return m.quit()
	}
	return m, nil
}

func (m Model) viewWeek(w, h int) string {
	wk := m.week
	st := &m.styles
	title := fmt.Sprintf(m.t.WeekTitle, wk.week.Number, m.t.ShortDate(wk.week.Start), m.t.ShortDate(wk.week.End().Add(-time.Hour)))
	if m.sending {
		title = m.t.Sending + " · " + title
	}
	lines := []string{m.titleBar(w, st.Muted.Render(title)), ""}
	if wk.picker != nil {
		return strings.Join(append(lines, m.viewPicker(w, h-2)...), "\n")
	}
	if !wk.loaded {
		return strings.Join(append(lines, st.Muted.Render("  "+m.t.Loading)), "\n")
	}
	if len(wk.rows) == 0 {
		return strings.Join(append(lines, st.Muted.Render("  "+m.t.WeekNoSlots)), "\n")
	}
	now := m.now().In(m.loc)
	today := now.Format("2006-01-02")
	for i, row := range wk.rows {
		at := row.at.In(m.loc)
		when := fmt.Sprintf("%s %s", m.t.ShortDate(at), at.Format("15:04"))
		cursor, mark := " ", " "
		if i == wk.cursor {
			cursor = "▌"
		}
		switch {
		case i == wk.swapFrom:
			mark = "⇅"
		case at.Format("2006-01-02") == today:
			mark = "•"
		}
		left := m.timeLeft(at, now)
		head := cursor + mark + " " + padRight(when, 20) + padRight(left, 15)
		var second string
		if row.post == nil {
			head += st.Faint.Render(m.t.EmptySlot)
		} else {
			p := row.post
			head += st.StatusStyle(p.Status).Render(padRight(m.t.Status(string(p.Status)), 10)) + " " + m.title(p.Title)
			second = strings.Repeat(" ", 38) + m.proofState(*p) + st.Faint.Render(" · ") + m.sendStates(row.sends)
			if stats := m.statsText(p.ID); stats != "" && p.Status == store.StatusSent {
				second += st.Faint.Render(" · ") + st.Muted.Render(stats)
			}
		}
		head = ansi.Truncate(head, w, "…")
		if i == wk.cursor {
			head = m.cells.selected.paint(padRight(ansi.Strip(head), w))
		}
		lines = append(lines, head)
		if second != "" {
			lines = append(lines, ansi.Truncate(second, w, "…"))
		}
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// sendStates lists each destination's last send, or says none is queued.
func (m Model) sendStates(sends []store.Send) string {
	st := &m.styles
	last := map[string]store.Send{}
	var order []string
	for _, s := range sends {
		if _, ok := last[s.Destination]; !ok {
			order = append(order, s.Destination)
		}
		last[s.Destination] = s
	}
	if len(order) == 0 {
		return st.Muted.Render(m.t.NotQueued)
	}
	var parts []string
	for _, d := range order {
		s := last[d]
		style := st.Muted
		switch s.State {
		case store.SendSent:
			style = st.OK
		case store.SendFailed, store.SendUnknown:
			style = st.Error
		}
		state := m.t.SendStates[string(s.State)]
		if last := s.Last(); s.State == store.SendQueued && last != nil && last.NotSent {
			state = m.t.WaitingNetwork
		}
		parts = append(parts, visible(d)+": "+style.Render(state))
	}
	return strings.Join(parts, st.Faint.Render(" · "))
}

func (m Model) viewPicker(w, h int) []string {
	pk := m.week.picker
	st := &m.styles
	lines := []string{st.Bold.Render(m.t.PickTitle)}
	start := max(0, pk.cursor-h+3)
	for i := start; i < len(pk.posts) && len(lines) < h-1; i++ {
		text := "  " + m.title(pk.posts[i].Title)
		if i == pk.cursor {
			text = m.cells.selected.paint(padRight("▌ "+m.title(pk.posts[i].Title), w))
		}
		lines = append(lines, ansi.Truncate(text, w, "…"))
	}
	return lines
}

// timeLeft says how far a slot is: "in 2 d 3 h", "in 40 min", or "past".
func (m Model) timeLeft(at, now time.Time) string {
	d := at.Sub(now)
	switch {
	case d < 0:
		return m.t.Past
	case d < time.Hour:
		return fmt.Sprintf(m.t.InMinutes, int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf(m.t.InHours, int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf(m.t.InDays, int(d.Hours())/24, int(d.Hours())%24)
}

// proofState is a planned post's validation and checks, in a few words.
func (m Model) proofState(p store.Post) string {
	st := &m.styles
	var out string
	if v := p.Validation; v != nil {
		out = st.OK.Render("✓ " + visible(v.By))
	} else {
		out = st.Warning.Render(m.t.NotValidated)
	}
	if p.Problems > 0 {
		out += " " + st.Problem.Render(fmt.Sprintf("%s %d", m.t.Problems, p.Problems))
	}
	return out
}
