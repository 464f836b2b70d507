package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/store"
	"crieur/ui/i18n"
)

// tabStatus is the status each backlog tab shows; the first tab shows
// everything but the archive.
var tabStatus = [8]store.Status{
	"", store.StatusIdea, store.StatusDraft, store.StatusReady,
	store.StatusValidated, store.StatusPlanned, store.StatusSent, store.StatusArchived,
}

// backlog is the list of posts. It is written by hand rather than with
// bubbles/list because it must stay instant with 100,000 posts: it keeps
// the summaries once, filters by substring over pre-folded keys, and draws
// only the rows on screen. While a query grows, each keystroke narrows the
// previous matches; the matches of each shorter query are kept, so erasing
// a letter costs nothing. Once the filter has been opened, each key also
// has a signature (see signature) that answers most of a first letter
// without reading the keys. The filter itself is in filter.go.
type backlog struct {
	posts   []store.Summary // newest first
	matches []int32         // indices into posts matching the query, any tab
	steps   []filterStep    // the matches of each query typed on the way to this one
	view    []int32         // the matches in the current tab
	all     []int32         // every index, the matches of an empty query
	tabOf   []uint8         // each post's tab
	keys    string          // every post's search key, end to end, \x00 after each (store.Backlog)
	starts  []int32         // where each post's key starts in keys, and the end
	sigs    []uint64        // each post's signature, nil until the keys are signed
	gen     uint64          // counts the changes to keys: a signing of older keys is dropped
	counts  [len(tabStatus)]int
	samples int
	loaded  bool
	// partial says that the posts are the newest alone (firstRows): the
	// rest of the backlog is being read. The counts wait for it, and so
	// does the filter. changed are the posts that changed meanwhile, to
	// put back over a reading that may have begun before.
	partial bool
	changed []store.Post
	// shared is the team desk's index the posts, keys and tabs come from
	// (SharedBacklog), nil when they are the backlog's own.
	shared *backlogIndex

	tab       int
	query     string // folded
	input     textinput.Model
	filtering bool
	tidy      bool // the filter's line closed before its matches came: doneWith waits for them
	listCursor
}

func newBacklog(t *i18n.Text, st *Styles) backlog {
	in := textinput.New()
	in.Prompt = t.FilterPrompt
	in.Placeholder = t.FilterHint
	in.SetStyles(inputStyles(st))
	return backlog{input: in}
}

// rows is how many rows the backlog has for posts: the screen less the
// title, tabs, filter and column header lines and the footer.
func (b *backlog) rows(d *desk) int { return max(d.height-5, 1) }

func (b *backlog) setTab(t int) {
	b.tab = (t + len(tabStatus)) % len(tabStatus)
	b.retab()
	b.cursor, b.offset = 0, 0
}

func (b *backlog) selected() (store.Summary, bool) {
	if b.cursor < 0 || b.cursor >= len(b.view) || int(b.view[b.cursor]) >= len(b.posts) {
		return store.Summary{}, false
	}
	return b.posts[b.view[b.cursor]], true
}

func (b *backlog) selectedID() string {
	s, _ := b.selected()
	return s.ID()
}

func (b *backlog) selectID(id string) {
	if id == "" {
		return
	}
	for i, idx := range b.view {
		if b.posts[idx].ID() == id {
			b.cursor = i
			return
		}
	}
}

// move moves the cursor by delta rows, height on screen.
func (b *backlog) move(delta, height int) { b.listCursor.move(delta, len(b.view), height) }

// clamp keeps the cursor on a row and the row on screen.
func (b *backlog) clamp(height int) { b.listCursor.clamp(len(b.view), height) }

// validated are the posts a slot of the week can take.
func (b *backlog) validated() []store.Summary {
	var out []store.Summary
	for _, s := range b.posts {
		if s.Status() == store.StatusValidated {
			out = append(out, s)
		}
	}
	return out
}

// statusOf is the status the backlog shows for a post, "" if it is not
// listed.
func (b *backlog) statusOf(id string) store.Status {
	for i := range b.posts {
		if b.posts[i].ID() == id {
			return b.posts[i].Status()
		}
	}
	return ""
}

// keyMap is the backlog's keys as they apply now.
func (b *backlog) keyMap(d *desk) keyMap {
	if b.filtering {
		return d.keys.filter
	}
	return b.keysNow(d)
}

func (b *backlog) keysNow(d *desk) backlogKeys {
	k := d.keys.backlog
	s, ok := b.selected()
	enable(ok, &k.Open, &k.Preview, &k.Forward, &k.Back, &k.History, &k.Duplicate)
	enable(ok && d.may(actValidate), &k.Validate, &k.Revoke)
	enable(ok && d.may(actPlan), &k.Archive)
	enable(ok && d.dispatcher != nil && d.may(actSend), &k.Urgent)
	enable(ok && s.Status() == store.StatusSent && d.publishing() != nil && d.may(actSend), &k.Correct, &k.Withdraw)
	enable(ok && len(d.pendingOf(s.ID())) > 0 && d.may(actSend), &k.Went, &k.NotWent)
	enable(len(d.pendingSends) > 0, &k.Pending)
	enable(b.samples > 0 && d.may(actAdmin), &k.DeleteSamples)
	enable(b.query != "", &k.ClearFilter)
	enable(d.wa != nil && d.may(actAdmin), &k.WhatsApp)
	enable(d.publishing() != nil, &k.RefreshStats)
	enable(d.canReadFeeds(), &k.Feeds)
	// The settings are the team's: on the team desk, the admin's.
	enable(d.may(actAdmin), &k.Setup)
	return k
}

// keyPress handles a key on the backlog: it moves, filters, or asks the
// desk for another screen.
func (b *backlog) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	if b.filtering {
		return b.filterKeyPress(d, k), nil
	}
	keys, h := b.keysNow(d), b.rows(d)
	if b.listCursor.keyPress(k, keys.listKeys, len(b.view), h) {
		return nil, nil
	}
	s, _ := b.selected()
	switch {
	case key.Matches(k, keys.NextTab):
		b.setTab(b.tab + 1)
	case key.Matches(k, keys.PrevTab):
		b.setTab(b.tab - 1)
	case key.Matches(k, keys.GoToTab):
		b.setTab(slices.Index(keys.GoToTab.Keys(), k.String()))
	case key.Matches(k, keys.Filter):
		// The keys are signed when the filter is first opened, not at
		// start: a person types the first letter well after it is done.
		b.filtering = true
		return tea.Batch(b.input.Focus(), b.signCmd()), nil
	case key.Matches(k, keys.ClearFilter):
		b.input.SetValue("")
		b.setQuery("")
		b.clamp(h)
	case key.Matches(k, keys.Open):
		return d.openCmd(s.ID()), nil
	case key.Matches(k, keys.New):
		return nil, openedMsg{post: d.newPost()}
	case key.Matches(k, keys.Duplicate):
		return d.duplicateCmd(s.ID()), nil
	case key.Matches(k, keys.Went, keys.NotWent):
		return d.settleSendsCmd(d.pendingOf(s.ID()), s.Title(), key.Matches(k, keys.Went)), nil
	case key.Matches(k, keys.Pending):
		return nil, showMsg{screenPending}
	case key.Matches(k, keys.Archive):
		return d.archiveCmd(s.ID()), nil
	case key.Matches(k, keys.Forward, keys.Back):
		if to, ok := step(s.Status(), key.Matches(k, keys.Forward)); ok {
			return d.statusCmd(s.ID(), to), nil
		}
		d.fail(d.t.MsgStatusNotAllowed)
	case key.Matches(k, keys.Validate, keys.Revoke):
		return d.loadToValidateCmd(s.ID(), key.Matches(k, keys.Revoke)), nil
	case key.Matches(k, keys.Week):
		return nil, showMsg{screenWeek}
	case key.Matches(k, keys.Meeting):
		return nil, showMsg{screenMeeting}
	case key.Matches(k, keys.Feeds):
		return d.readFeedsCmd(true), nil
	case key.Matches(k, keys.WhatsApp):
		return nil, showMsg{screenWhatsApp}
	case key.Matches(k, keys.Setup):
		return nil, showMsg{screenSetup}
	case key.Matches(k, keys.RefreshStats):
		return d.refreshStatsCmd(true), nil
	case key.Matches(k, keys.Correct, keys.Withdraw):
		return nil, d.askCorrection(s.ID(), s.Title(), key.Matches(k, keys.Withdraw))
	case key.Matches(k, keys.Urgent):
		return nil, urgentMsg{s}
	case key.Matches(k, keys.Preview):
		return d.loadPreviewCmd(s.ID()), nil
	case key.Matches(k, keys.History):
		return d.revisionsCmd(s.ID()), nil
	case key.Matches(k, keys.DeleteSamples):
		return nil, askMsg{
			question: d.t.N(d.t.ConfirmDeleteSamples, b.samples),
			yes:      answer{run: d.deleteSamplesCmd()},
		}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// filterKeyPress handles a key while the filter is typed: letters go to
// the query, a few keys leave the line or move in the list.
func (b *backlog) filterKeyPress(d *desk, k tea.KeyPressMsg) tea.Cmd {
	keys, h := d.keys.filter, b.rows(d)
	switch {
	case key.Matches(k, keys.Clear):
		b.filtering = false
		b.input.Blur()
		b.input.SetValue("")
		b.setQuery("")
		b.clamp(h)
		return b.doneWith(d)
	case key.Matches(k, keys.Done):
		b.filtering = false
		b.input.Blur()
		return b.doneWith(d)
	case key.Matches(k, keys.Down):
		b.move(1, h)
	case key.Matches(k, keys.Up):
		b.move(-1, h)
	case key.Matches(k, keys.PgDn):
		b.move(h, h)
	case key.Matches(k, keys.PgUp):
		b.move(-h, h)
	default:
		return b.forward(d, k)
	}
	return nil
}

// forward hands what is typed (keys, pastes) to the filter's line.
func (b *backlog) forward(d *desk, msg tea.Msg) tea.Cmd {
	if !b.filtering {
		return nil
	}
	var cmd tea.Cmd
	b.input, cmd = b.input.Update(msg)
	filter := b.setQuery(b.input.Value())
	b.clamp(b.rows(d))
	return tea.Batch(cmd, filter)
}

// firstRows shows the newest posts while the rest is read, unless the
// whole backlog came first.
func (b *backlog) firstRows(d *desk, msg firstRowsMsg) {
	if b.loaded || msg.err != nil {
		return // the whole backlog's reading says what went wrong
	}
	if msg.index != nil {
		// The team desk's backlog, already read by another session.
		b.loaded = true
		b.adopt(msg.index)
		b.clamp(b.rows(d))
		return
	}
	b.loaded, b.partial = true, true
	b.setPosts(msg.backlog)
	b.clamp(b.rows(d))
}

// load takes the backlog as the store read it. A filter typed while it
// was read applies now.
func (b *backlog) load(d *desk, msg loadedMsg) tea.Cmd {
	b.loaded = true
	changed := b.changed
	b.partial, b.changed = false, nil
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return nil
	}
	if msg.index != nil {
		b.adopt(msg.index)
	} else {
		b.setPosts(msg.backlog)
	}
	for _, p := range changed {
		if i := slices.IndexFunc(b.posts, func(s store.Summary) bool { return s.ID() == p.ID }); i < 0 || !p.Updated.Before(b.posts[i].Updated()) {
			b.put(d, p)
		}
	}
	b.clamp(b.rows(d))
	var sign tea.Cmd
	if b.filtering {
		sign = b.signCmd()
	}
	if msg.recovered > 0 {
		d.say(d.t.N(d.t.MsgRecoveredPosts, msg.recovered))
	}
	if msg.invalidated > 0 {
		d.fail(d.t.N(d.t.MsgInvalidatedBySettings, msg.invalidated))
	}
	return tea.Batch(d.settleCmd(), sign)
}

// postChanged puts a post as the store returned it in its row.
func (b *backlog) postChanged(d *desk, p store.Post) {
	if p.ID == "" {
		return
	}
	if b.partial {
		b.changed = append(b.changed, p)
	}
	b.put(d, p)
	b.clamp(b.rows(d))
}

// put puts a post's new summary in its row: in the team desk's shared
// index, where the first session to hear of it puts it for all, else in
// the backlog's own.
func (b *backlog) put(d *desk, p store.Post) {
	if d.shared != nil {
		if x := d.shared.upsert(p); x != nil {
			if x != b.shared {
				b.adopt(x)
			}
			return
		}
	}
	b.upsert(p)
}

// samplesDeleted drops the sample posts the store deleted; the team
// desk's shared index is read again.
func (b *backlog) samplesDeleted(d *desk, msg samplesDeletedMsg) tea.Cmd {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return nil
	}
	d.say(d.t.N(d.t.MsgSamplesDeleted, msg.n))
	if d.shared != nil {
		return d.loadCmd()
	}
	b.removeSamples()
	b.clamp(b.rows(d))
	return nil
}

// step is the next or previous editorial status, if a person may make it.
func step(from store.Status, forward bool) (store.Status, bool) {
	order := []store.Status{store.StatusIdea, store.StatusDraft, store.StatusReady}
	for i, s := range order {
		if s != from {
			continue
		}
		j := i - 1
		if forward {
			j = i + 1
		}
		if j >= 0 && j < len(order) && store.CanMove(from, order[j]) {
			return order[j], true
		}
	}
	return "", false
}

// heading is the right of the title line: the count of posts.
func (b *backlog) heading(d *desk) string {
	if b.partial {
		return d.styles.Muted.Render(d.t.BacklogReading)
	}
	return d.styles.Muted.Render(d.t.N(d.t.PostsCount, len(b.posts)))
}

// View draws the tabs, the filter line, the column header and the rows on
// screen, h lines under the title.
func (b *backlog) View(d *desk, w, h int) string {
	st := d.styles
	lines := make([]string, 0, h)
	lines = append(lines, b.tabsLine(d, w))
	lines = append(lines, b.filterLine(d, w))
	cols := d.columns(w)
	lines = append(lines, st.Header.Render(cols.row("", d.t.ColStatus, d.t.ColCategory, d.t.ColDate, d.t.ColTitle, "")))
	rows := h - len(lines)
	switch {
	case !b.loaded:
		lines = append(lines, st.Muted.Render("  "+d.t.Loading))
	case b.partial && b.query != "":
		lines = append(lines, st.Muted.Render("  "+d.t.FilterWaits))
	case len(b.view) == 0 && b.query != "":
		lines = append(lines, st.Muted.Render("  "+d.t.EmptyFilter))
	case len(b.view) == 0:
		lines = append(lines, st.Muted.Render("  "+d.t.Empty))
	}
	start, end := b.window(len(b.view), rows)
	for i := start; i < end && b.loaded && (!b.partial || b.query == ""); i++ {
		lines = append(lines, d.row(cols, &b.posts[b.view[i]], i == b.cursor))
	}
	return strings.Join(lines, "\n")
}

// tabsLine draws the status tabs with their counts. When they do not fit,
// the line scrolls so the current tab stays in view.
func (b *backlog) tabsLine(d *desk, w int) string {
	st := d.styles
	parts := make([]string, len(tabStatus))
	widths := make([]int, len(tabStatus))
	for i := range tabStatus {
		count := d.t.Count(b.counts[i])
		if b.partial {
			count = "…" // counted once every post is read
		}
		label := st.Tab.Render(d.t.Tabs[i])
		if i == b.tab {
			label = st.TabActive.Render(d.t.Tabs[i])
		}
		parts[i] = label + " " + st.TabCount.Render(count)
		widths[i] = cells(d.t.Tabs[i]) + 1 + cells(count)
	}
	// Two spaces between tabs when they fit, one when they do not, and
	// past that the line scrolls so the current tab stays in view.
	for _, sep := range []string{"  ", " "} {
		total := 1 + len(sep)*(len(parts)-1)
		for _, tw := range widths {
			total += tw
		}
		if total <= w {
			return " " + strings.Join(parts, sep)
		}
	}
	start, total := 0, 1
	for _, tw := range widths {
		total += tw + 1
	}
	for total > w && start < b.tab {
		total -= widths[start] + 1
		start++
	}
	line := st.Faint.Render("‹") + strings.Join(parts[start:], " ")
	if total > w {
		line = ansi.Truncate(line, w-1, "") + st.Faint.Render("›")
	}
	return line
}

func (b *backlog) filterLine(d *desk, w int) string {
	st := d.styles
	if b.filtering {
		return b.input.View()
	}
	if b.query != "" {
		count := d.t.Count(len(b.matches))
		if b.partial {
			count = "…"
		}
		return st.FilterActive.Render("/ "+b.input.Value()) + st.Muted.Render(fmt.Sprintf("  (%s)", count))
	}
	return st.Faint.Render("/ " + d.t.FilterHint)
}

// columns are the widths of a backlog row. The status and category
// columns fit the longest words of the language, so rows line up whatever
// is on screen; the title takes what is left.
type columns struct{ status, category, date, title int }

func (d *desk) columns(w int) columns {
	c := columns{status: d.cells.statusW, category: d.cells.categoryW, date: d.cells.dateW}
	c.title = max(w-2-c.status-c.category-c.date-3-2, 8)
	if w < 60 { // narrow terminal: drop the category column
		c.category = 0
		c.title = max(w-2-c.status-c.date-2-2, 8)
	}
	return c
}

// rowCells are the parts of a backlog row that depend only on the language
// and the theme, styled and padded once rather than on every frame.
type rowCells struct {
	status                    map[store.Status]string
	paste                     string // the badge of a post whose text waits to be pasted
	category                  map[string]string
	statusW, categoryW, dateW int

	row, muted, sample, problem, selected pen
}

func newRowCells(t *i18n.Text, st *Styles) rowCells {
	c := rowCells{
		status: map[store.Status]string{}, category: map[string]string{},
		row: newPen(st.Row), muted: newPen(st.Muted), sample: newPen(st.Sample),
		problem: newPen(st.Problem), selected: newPen(st.RowSelected),
	}
	for _, s := range t.StatusBadge {
		c.statusW = max(c.statusW, ansi.StringWidth(s))
	}
	for _, s := range t.Categories {
		c.categoryW = max(c.categoryW, ansi.StringWidth(s))
	}
	for _, d := range t.Weekdays {
		c.dateW = max(c.dateW, ansi.StringWidth(d))
	}
	months := 0
	for _, mo := range t.Months {
		months = max(months, ansi.StringWidth(mo))
	}
	c.dateW += len(" 00 ") + months
	for s, name := range t.StatusBadge {
		c.status[store.Status(s)] = st.StatusStyle(store.Status(s)).Render(padRight(name, c.statusW))
	}
	// A post whose text waits to be pasted is sending by a person's hand:
	// its row says so.
	c.statusW = max(c.statusW, ansi.StringWidth(t.Settle.States["paste"]))
	c.paste = st.Warning.Render(padRight(t.Settle.States["paste"], c.statusW))
	for code, name := range t.Categories {
		c.category[code] = st.Muted.Render(padRight(name, c.categoryW))
	}
	return c
}

// row lays out the cells of one row, plain, for the selected row and the
// column header.
func (c columns) row(cursor, status, category, date, title, mark string) string {
	cell := func(s string, w int) string { return padRight(ansi.Truncate(s, w, "…"), w) }
	out := cell(cursor, 2) + cell(status, c.status) + " "
	if c.category > 0 {
		out += cell(category, c.category) + " "
	}
	return out + cell(date, c.date) + " " + cell(title, c.title) + cell(mark, 2)
}

func (d *desk) row(c columns, s *store.Summary, selected bool) string {
	date := s.Created()
	if slot := s.Slot(); !slot.IsZero() {
		date = slot
	}
	title := d.title(s.Title())
	if who := d.editedBy(s.ID()); who != "" {
		title = fmt.Sprintf(d.t.Team.Editing, visible(who)) + " · " + title
	}
	mark := ""
	if s.Problems > 0 {
		mark = " " + d.t.Problems
	}
	dateText := d.t.ShortDate(date.In(d.loc))
	if selected {
		if s.Sample {
			title += " · " + d.t.SampleMark
		}
		if stats := d.statsText(s.ID()); stats != "" && s.Status() == store.StatusSent {
			title += " · " + stats
		}
		status := d.t.Status(string(s.Status()))
		if s.Status() == store.StatusSending && d.toPaste(s.ID()) {
			status = d.t.Settle.States["paste"]
		}
		line := c.row("▌", status, d.t.Category(visible(s.Category())), dateText, title, mark)
		return d.cells.selected.paint(line)
	}
	pens := &d.cells
	out := "  "
	if s.Status() == store.StatusSending && d.toPaste(s.ID()) {
		out += d.cells.paste
	} else if badge, ok := d.cells.status[s.Status()]; ok {
		out += badge
	} else {
		out += padRight(ansi.Truncate(visible(string(s.Status())), c.status, "…"), c.status)
	}
	out += " "
	if c.category > 0 {
		if cat, ok := d.cells.category[s.Category()]; ok {
			out += cat
		} else {
			out += pens.muted.paint(padRight(ansi.Truncate(visible(s.Category()), c.category, "…"), c.category))
		}
		out += " "
	}
	out += pens.muted.paint(padRight(dateText, c.date)) + " "
	tw := cells(title)
	if tw > c.title {
		title = ansi.Truncate(title, c.title, "…")
		tw = cells(title)
	}
	out += pens.row.paint(title)
	if s.Sample && tw+3 < c.title {
		suffix := ansi.Truncate(" · "+d.t.SampleMark, c.title-tw, "…")
		out += pens.sample.paint(suffix)
		tw += cells(suffix)
	}
	if s.Status() == store.StatusSent && tw+3 < c.title {
		if stats := d.statsText(s.ID()); stats != "" {
			suffix := ansi.Truncate(" · "+stats, c.title-tw, "…")
			out += pens.muted.paint(suffix)
			tw += cells(suffix)
		}
	}
	out += strings.Repeat(" ", max(c.title-tw, 0))
	if mark != "" {
		out += pens.problem.paint(mark)
	}
	return out
}
