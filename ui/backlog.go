package ui

import (
	"fmt"
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
// the summaries once, filters by substring over pre-folded keys (narrowing
// the previous matches while the query grows), and draws only the rows on
// screen.
type backlog struct {
	posts   []store.Summary // newest first
	matches []int32         // indices into posts matching the query, any tab
	view    []int32         // the matches in the current tab
	counts  [len(tabStatus)]int
	samples int

	tab            int
	query          string // folded
	input          textinput.Model
	filtering      bool
	cursor, offset int
}

func newBacklog(t *i18n.Text) backlog {
	in := textinput.New()
	in.Prompt = t.FilterPrompt
	in.Placeholder = t.FilterHint
	in.SetStyles(inputStyles(true))
	return backlog{input: in}
}

func (b *backlog) setPosts(posts []store.Summary) {
	b.posts = posts
	b.samples = 0
	for _, p := range posts {
		if p.Sample {
			b.samples++
		}
	}
	b.refilter(true)
}

// upsert puts a post's new summary in place, or at the top when it is new.
func (b *backlog) upsert(s store.Summary) {
	selected := b.selectedID()
	found := false
	for i := range b.posts {
		if b.posts[i].ID == s.ID {
			b.posts[i] = s
			found = true
			break
		}
	}
	if !found {
		b.posts = append([]store.Summary{s}, b.posts...)
		if s.Sample {
			b.samples++
		}
	}
	b.refilter(true)
	if selected == "" {
		selected = s.ID
	}
	b.selectID(selected)
}

func (b *backlog) removeSamples() {
	kept := b.posts[:0]
	for _, p := range b.posts {
		if !p.Sample {
			kept = append(kept, p)
		}
	}
	b.posts, b.samples = kept, 0
	b.refilter(true)
}

// setQuery filters by what is typed. A query that extends the previous one
// only narrows its matches, so typing stays cheap at any backlog size.
func (b *backlog) setQuery(q string) {
	q = store.Fold(strings.TrimSpace(q))
	if q == b.query {
		return
	}
	narrowing := b.query != "" && strings.HasPrefix(q, b.query)
	b.query = q
	b.refilter(!narrowing)
}

func (b *backlog) refilter(all bool) {
	selected := b.selectedID()
	terms := strings.Fields(b.query)
	match := func(s *store.Summary) bool {
		for _, t := range terms {
			if !strings.Contains(s.Key, t) {
				return false
			}
		}
		return true
	}
	var next []int32
	if all {
		next = make([]int32, 0, len(b.posts))
		for i := range b.posts {
			if match(&b.posts[i]) {
				next = append(next, int32(i))
			}
		}
	} else {
		next = b.matches[:0]
		for _, i := range b.matches {
			if match(&b.posts[i]) {
				next = append(next, i)
			}
		}
	}
	b.matches = next
	b.retab()
	b.selectID(selected)
}

// retab recounts the tabs over the matches and lists the current tab's.
func (b *backlog) retab() {
	b.counts = [len(tabStatus)]int{}
	want := tabStatus[b.tab]
	b.view = b.view[:0]
	for _, i := range b.matches {
		st := b.posts[i].Status
		if st != store.StatusArchived {
			b.counts[0]++
		}
		for t := 1; t < len(tabStatus); t++ {
			if tabStatus[t] == st {
				b.counts[t]++
				break
			}
		}
		if (b.tab == 0 && st != store.StatusArchived) || (b.tab != 0 && st == want) {
			b.view = append(b.view, i)
		}
	}
}

func (b *backlog) setTab(t int) {
	b.tab = (t + len(tabStatus)) % len(tabStatus)
	b.retab()
	b.cursor, b.offset = 0, 0
}

func (b *backlog) selected() (store.Summary, bool) {
	if b.cursor < 0 || b.cursor >= len(b.view) {
		return store.Summary{}, false
	}
	return b.posts[b.view[b.cursor]], true
}

func (b *backlog) selectedID() string {
	s, _ := b.selected()
	return s.ID
}

func (b *backlog) selectID(id string) {
	if id == "" {
		return
	}
	for i, idx := range b.view {
		if b.posts[idx].ID == id {
			b.cursor = i
			return
		}
	}
}

func (b *backlog) move(delta, height int) {
	b.cursor += delta
	b.clamp(height)
}

// clamp keeps the cursor on a row and the row on screen.
func (b *backlog) clamp(height int) {
	b.cursor = min(max(b.cursor, 0), max(len(b.view)-1, 0))
	height = max(height, 1)
	if b.cursor < b.offset {
		b.offset = b.cursor
	}
	if b.cursor >= b.offset+height {
		b.offset = b.cursor - height + 1
	}
	b.offset = min(max(b.offset, 0), max(len(b.view)-height, 0))
}

// listHeight is how many rows the backlog has for posts: the screen less
// the title, tabs, filter and column header lines and the footer.
func (m Model) listHeight() int { return max(m.height-5, 1) }

func (m Model) updateBacklog(msg tea.Msg) (tea.Model, tea.Cmd) {
	b := &m.backlog
	if b.filtering {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch k.String() {
			case "esc":
				b.filtering = false
				b.input.Blur()
				b.input.SetValue("")
				b.setQuery("")
				b.clamp(m.listHeight())
				return m, nil
			case "enter", "tab", "shift+tab":
				b.filtering = false
				b.input.Blur()
				return m, nil
			case "down", "up", "pgdown", "pgup":
				b.filtering = false
				model, cmd := m.updateBacklog(msg)
				m = model.(Model)
				m.backlog.filtering = true
				return m, cmd
			}
		}
		var cmd tea.Cmd
		b.input, cmd = b.input.Update(msg)
		b.setQuery(b.input.Value())
		b.clamp(m.listHeight())
		return m, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	h := m.listHeight()
	keys := m.keys
	switch {
	case key.Matches(k, keys.Down):
		b.move(1, h)
	case key.Matches(k, keys.Up):
		b.move(-1, h)
	case key.Matches(k, keys.PgDown):
		b.move(h, h)
	case key.Matches(k, keys.PgUp):
		b.move(-h, h)
	case key.Matches(k, keys.Top):
		b.move(-len(b.view), h)
	case key.Matches(k, keys.Bottom):
		b.move(len(b.view), h)
	case key.Matches(k, keys.NextTab):
		b.setTab(b.tab + 1)
	case key.Matches(k, keys.PrevTab):
		b.setTab(b.tab - 1)
	case k.Code >= '1' && k.Code <= '8' && k.Mod == 0:
		b.setTab(int(k.Code - '1'))
	case key.Matches(k, keys.Filter):
		b.filtering = true
		return m, b.input.Focus()
	case key.Matches(k, keys.ClearFilter):
		if b.query != "" {
			b.input.SetValue("")
			b.setQuery("")
			b.clamp(h)
		}
	case key.Matches(k, keys.Open):
		if s, ok := b.selected(); ok {
			return m, m.openCmd(s.ID)
		}
	case key.Matches(k, keys.New):
		return m.openEditor(m.newPost(), nil)
	case key.Matches(k, keys.Archive):
		if s, ok := b.selected(); ok {
			return m, m.archiveCmd(s.ID)
		}
	case key.Matches(k, keys.Forward), key.Matches(k, keys.Back):
		if s, ok := b.selected(); ok {
			if to, ok := step(s.Status, key.Matches(k, keys.Forward)); ok {
				return m, m.statusCmd(s.ID, to)
			}
			m.fail(m.t.MsgStatusNotAllowed)
		}
	case key.Matches(k, keys.Preview):
		if s, ok := b.selected(); ok {
			return m, m.loadPreviewCmd(s.ID)
		}
	case key.Matches(k, keys.History):
		if s, ok := b.selected(); ok {
			return m, m.revisionsCmd(s.ID)
		}
	case key.Matches(k, keys.DeleteSamples):
		if b.samples == 0 {
			m.say(m.t.MsgNoSamples)
			return m, nil
		}
		m.ask(fmt.Sprintf(m.t.ConfirmDeleteSamples, b.samples), false, func(m *Model) tea.Cmd {
			return m.deleteSamplesCmd()
		}, nil)
	case key.Matches(k, keys.Help, keys.EditorHelp):
		m.helpFrom, m.screen = screenBacklog, screenHelp
	case key.Matches(k, keys.Quit):
		return m.quit()
	}
	return m, nil
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

func (m Model) viewBacklog(w, h int) string {
	b := &m.backlog
	st := &m.styles
	lines := make([]string, 0, h)
	lines = append(lines, m.titleBar(w, ""))
	lines = append(lines, m.tabsLine(w))
	lines = append(lines, m.filterLine(w))
	cols := m.columns(w)
	lines = append(lines, st.Header.Render(cols.row("", m.t.ColStatus, m.t.ColCategory, m.t.ColDate, m.t.ColTitle, "")))
	rows := h - len(lines)
	switch {
	case !m.loaded:
		lines = append(lines, st.Muted.Render("  "+m.t.Loading))
	case len(b.view) == 0 && b.query != "":
		lines = append(lines, st.Muted.Render("  "+m.t.EmptyFilter))
	case len(b.view) == 0:
		lines = append(lines, st.Muted.Render("  "+m.t.Empty))
	}
	end := min(b.offset+rows, len(b.view))
	for i := b.offset; i < end && m.loaded; i++ {
		lines = append(lines, m.row(cols, &b.posts[b.view[i]], i == b.cursor))
	}
	return strings.Join(lines, "\n")
}

// titleBar is the first line of every screen: the desk, the channel, and
// what the screen is about on the right.
func (m Model) titleBar(w int, right string) string {
	st := &m.styles
	left := st.Brand.Render("crieur") + st.Faint.Render(" · ") + st.Channel.Render(visible(m.settings.Channel.Name))
	if right == "" {
		right = st.Muted.Render(fmt.Sprintf(m.t.PostsCount, m.t.Count(len(m.backlog.posts))))
	}
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return ansi.Truncate(left, w, "…")
	}
	return left + strings.Repeat(" ", gap) + right
}

// tabsLine draws the status tabs with their counts. When they do not fit,
// the line scrolls so the current tab stays in view.
func (m Model) tabsLine(w int) string {
	st := &m.styles
	b := &m.backlog
	parts := make([]string, len(tabStatus))
	start := 0
	for i := range tabStatus {
		label := m.t.Tabs[i] + " " + st.TabCount.Render(m.t.Count(b.counts[i]))
		if i == b.tab {
			parts[i] = st.TabActive.Render(m.t.Tabs[i]) + st.TabCount.Render(m.t.Count(b.counts[i]))
		} else {
			parts[i] = st.Tab.Render(label)
		}
	}
	line := strings.Join(parts, "")
	for ansi.StringWidth(line) > w && start < b.tab {
		start++
		line = st.Faint.Render("‹") + strings.Join(parts[start:], "")
	}
	if ansi.StringWidth(line) > w {
		line = ansi.Truncate(line, w-1, "") + st.Faint.Render("›")
	}
	return line
}

func (m Model) filterLine(w int) string {
	b := &m.backlog
	st := &m.styles
	if b.filtering {
		return b.input.View()
	}
	if b.query != "" {
		return st.FilterActive.Render("/ "+b.input.Value()) + st.Muted.Render(fmt.Sprintf("  (%s)", m.t.Count(len(b.matches))))
	}
	return st.Faint.Render("/ " + m.t.FilterHint)
}

// columns are the widths of a backlog row, from the longest words of the
// language so the columns line up whatever the statuses on screen.
type columns struct{ status, category, date, title int }

func (m Model) columns(w int) columns {
	c := columns{}
	for _, s := range m.t.StatusBadge {
		c.status = max(c.status, ansi.StringWidth(s))
	}
	for _, s := range m.t.Categories {
		c.category = max(c.category, ansi.StringWidth(s))
	}
	for _, d := range m.t.Weekdays {
		c.date = max(c.date, ansi.StringWidth(d))
	}
	months := 0
	for _, mo := range m.t.Months {
		months = max(months, ansi.StringWidth(mo))
	}
	c.date += len(" 00 ") + months
	c.title = max(w-2-c.status-c.category-c.date-3-2, 8)
	if w < 60 { // narrow terminal: drop the category column
		c.category = 0
		c.title = max(w-2-c.status-c.date-2-2, 8)
	}
	return c
}

// row lays out the cells of one backlog row, padding or cutting each.
func (c columns) row(cursor, status, category, date, title, mark string) string {
	cell := func(s string, w int) string {
		s = ansi.Truncate(s, w, "…")
		return s + strings.Repeat(" ", max(w-ansi.StringWidth(s), 0))
	}
	out := cell(cursor, 2) + cell(status, c.status) + " "
	if c.category > 0 {
		out += cell(category, c.category) + " "
	}
	return out + cell(date, c.date) + " " + cell(title, c.title) + cell(mark, 2)
}

func (m Model) row(c columns, s *store.Summary, selected bool) string {
	st := &m.styles
	date := s.Created
	if !s.Slot.IsZero() {
		date = s.Slot
	}
	title := m.title(s.Title)
	mark := ""
	if s.Problems > 0 {
		mark = " " + m.t.Problems
	}
	dateText := m.t.ShortDate(date.In(m.loc))
	if selected {
		if s.Sample {
			title += " · " + m.t.SampleMark
		}
		line := c.row("▌", m.t.Status(s.Status), m.t.Category(visible(s.Category)), dateText, title, mark)
		return st.RowSelected.Render(line)
	}
	titleCell := st.Row.Render(ansi.Truncate(title, c.title, "…"))
	if s.Sample && ansi.StringWidth(title)+3 < c.title {
		titleCell += st.Sample.Render(ansi.Truncate(" · "+m.t.SampleMark, c.title-ansi.StringWidth(title), "…"))
	}
	pad := func(styled string, w int) string {
		return styled + strings.Repeat(" ", max(w-ansi.StringWidth(styled), 0))
	}
	out := "  " + pad(st.StatusStyle(s.Status).Render(ansi.Truncate(m.t.Status(s.Status), c.status, "…")), c.status) + " "
	if c.category > 0 {
		out += pad(st.Muted.Render(ansi.Truncate(m.t.Category(visible(s.Category)), c.category, "…")), c.category) + " "
	}
	out += pad(st.Muted.Render(dateText), c.date) + " " + pad(titleCell, c.title)
	if mark != "" {
		out += st.Problem.Render(mark)
	}
	return out
}
