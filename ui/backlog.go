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
// without reading the keys.
type backlog struct {
	posts   []store.Summary // newest first
	matches []int32         // indices into posts matching the query, any tab
	steps   []filterStep    // the matches of each query typed on the way to this one
	view    []int32         // the matches in the current tab
	all     []int32         // every index, the matches of an empty query
	tabOf   []uint8         // each post's tab
	unknown int             // posts whose send may or may not have gone out
	keys    string          // every post's search key, end to end, \x00 after each (store.Backlog)
	starts  []int32         // where each post's key starts in keys, and the end
	sigs    []uint64        // each post's signature, nil until the keys are signed
	gen     uint64          // counts the changes to keys: a signing of older keys is dropped
	counts  [len(tabStatus)]int
	samples int

	tab            int
	query          string // folded
	input          textinput.Model
	filtering      bool
	cursor, offset int
}

func newBacklog(t *i18n.Text, st *Styles) backlog {
	in := textinput.New()
	in.Prompt = t.FilterPrompt
	in.Placeholder = t.FilterHint
	in.SetStyles(inputStyles(st))
	return backlog{input: in}
}

// setPosts takes the backlog as the store read it, keys and all: the
// keys are held once, in the string the filter scans.
func (b *backlog) setPosts(bl store.Backlog) {
	b.posts, b.keys, b.starts = bl.Posts, bl.Keys, bl.Starts
	b.gen, b.sigs = b.gen+1, nil
	b.index()
	b.samples = 0
	for _, p := range b.posts {
		if p.Sample {
			b.samples++
		}
	}
	b.refilter(true)
}

// upsert puts a post's new summary in place, or at the top when it is new,
// and its search key among the others.
func (b *backlog) upsert(p store.Post) {
	selected := b.selectedID()
	s, key := p.Summary(), p.SearchKey()
	i := slices.IndexFunc(b.posts, func(p store.Summary) bool { return p.ID == s.ID })
	if i >= 0 {
		b.posts[i] = s
	} else {
		// New posts are the newest: the key goes first, in an empty span.
		i = 0
		b.posts = slices.Insert(b.posts, 0, s)
		starts := make([]int32, len(b.starts)+1)
		copy(starts[1:], b.starts)
		b.starts = starts
		if b.signed() {
			// Sized exactly: append would add a quarter more room to
			// the 800 kB they take with 100,000 posts.
			sigs := make([]uint64, len(b.sigs)+1)
			copy(sigs[1:], b.sigs)
			b.sigs = sigs
		}
		if s.Sample {
			b.samples++
		}
	}
	b.setKey(i, key)
	b.index()
	b.refilter(true)
	if selected == "" {
		selected = s.ID
	}
	b.selectID(selected)
}

// setKey puts key in place of post i's. The string of keys is rebuilt:
// that copies a few megabytes on a save, never on a key press. The
// offsets and signatures are copied too, never changed in place: a filter
// running in the background reads the ones it was given.
func (b *backlog) setKey(i int, key string) {
	start, end := int(b.starts[i]), int(b.starts[i+1])
	var keys strings.Builder
	keys.Grow(len(b.keys) - (end - start) + len(key) + 1)
	keys.WriteString(b.keys[:start])
	keys.WriteString(strings.ReplaceAll(key, "\x00", " "))
	keys.WriteByte(0)
	keys.WriteString(b.keys[end:])
	delta := int32(keys.Len() - len(b.keys))
	b.keys = keys.String()
	starts := slices.Clone(b.starts)
	for j := i + 1; j < len(starts); j++ {
		starts[j] += delta
	}
	b.starts = starts
	b.gen++
	if b.signed() {
		b.sigs = slices.Clone(b.sigs)
		b.sigs[i] = signature(b.key(int32(i)))
	}
}

func (b *backlog) removeSamples() {
	kept, sigs := b.posts[:0], make([]uint64, 0, len(b.sigs))
	var keys strings.Builder
	keys.Grow(len(b.keys))
	starts := make([]int32, 0, len(b.starts))
	for i, p := range b.posts {
		if p.Sample {
			continue
		}
		starts = append(starts, int32(keys.Len()))
		keys.WriteString(b.keys[b.starts[i]:b.starts[i+1]])
		kept = append(kept, p)
		if b.signed() {
			sigs = append(sigs, b.sigs[i])
		}
	}
	if b.signed() {
		b.sigs = sigs
	}
	b.gen++
	b.posts, b.samples = kept, 0
	b.keys, b.starts = keys.String(), append(starts, int32(keys.Len()))
	b.index()
	b.refilter(true)
}

// index prepares the filter after the posts changed: the list of every
// post and each post's tab. The keys come ready from the store, in one
// string: searching it for the first word is one fast scan over
// contiguous memory, where visiting 100,000 summaries one by one is mostly
// waiting for memory.
func (b *backlog) index() {
	b.all = make([]int32, len(b.posts))
	b.tabOf = make([]uint8, len(b.posts))
	b.unknown = 0
	for i := range b.posts {
		b.all[i] = int32(i)
		b.tabOf[i] = tabFor(b.posts[i].Status)
		if b.posts[i].Status == store.StatusUnknown {
			b.unknown++
		}
	}
	b.steps = b.steps[:0]
}

// key is the search key of post i.
func (b *backlog) key(i int32) string { return b.keys[b.starts[i] : b.starts[i+1]-1] }

// scan finds the posts whose key contains term, in order.
func (b *backlog) scan(term string) []int32 {
	out := make([]int32, 0, len(b.starts)/8)
	k := int32(0)
	for pos := 0; pos < len(b.keys); {
		j := strings.Index(b.keys[pos:], term)
		if j < 0 {
			break
		}
		at := int32(pos + j)
		for b.starts[k+1] <= at {
			k++
		}
		out = append(out, k)
		pos = int(b.starts[k+1])
		k++
	}
	return out
}

// narrow keeps the posts among from whose key holds every term. Once the
// keys are signed, a post whose signature lacks one of the terms' bits is
// passed over unread, and a term of one letter or digit needs no reading
// at all: its bit is the answer. A first pass counts the candidates so the
// matches, which the steps keep, take no more room than they need.
func (b *backlog) narrow(from []int32, terms []string) []int32 {
	if !b.signed() {
		next := make([]int32, 0, len(from))
	unsigned:
		for _, i := range from {
			key := b.key(i)
			for _, t := range terms {
				if !strings.Contains(key, t) {
					continue unsigned
				}
			}
			next = append(next, i)
		}
		return next
	}
	var mask uint64
	read := terms[:0:0]
	for _, t := range terms {
		mask |= signature(t)
		if len(t) > 1 || !ownBit(t[0]) {
			read = append(read, t)
		}
	}
	sigs := b.sigs
	n := 0
	for _, i := range from {
		if sigs[i]&mask == mask {
			n++
		}
	}
	if len(read) == 0 && n == len(from) {
		// Every post holds the letters (an e, an i): the matches are
		// those already found, shared, as matches never change in place.
		return from
	}
	if len(read) == 0 {
		// Each post is written, then kept or not, with no branch to
		// mispredict; hence the one slot more.
		next := make([]int32, n+1)
		k := 0
		for _, i := range from {
			next[k] = i
			if sigs[i]&mask == mask {
				k++
			}
		}
		return next[:n:n]
	}
	next := make([]int32, 0, n)
posts:
	for _, i := range from {
		if sigs[i]&mask != mask {
			continue
		}
		key := b.key(i)
		for _, t := range read {
			if !strings.Contains(key, t) {
				continue posts
			}
		}
		next = append(next, i)
	}
	return next
}

// signature is the set of bytes in s, folded into 64 bits: one bit for
// each of a–z and 0–9, which make up nearly every query, and the other
// bytes sharing the 28 left. A key holds a term only if its signature has
// all of the term's bits. Bytes, not runes: a term is matched byte by
// byte, and a signature must never rule out a key that holds it.
func signature(s string) uint64 {
	var sig uint64
	for i := 0; i < len(s); i++ {
		sig |= sigBits[s[i]]
	}
	return sig
}

// ownBit says whether c has a bit of its own in a signature, so that the
// bit alone says whether a key holds it.
func ownBit(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// sigBits is each byte's bit in a signature.
var sigBits = func() (bits [256]uint64) {
	for c := range bits {
		switch {
		case 'a' <= c && c <= 'z':
			bits[c] = 1 << (c - 'a')
		case '0' <= c && c <= '9':
			bits[c] = 1 << (26 + c - '0')
		default:
			bits[c] = 1 << (36 + c%28)
		}
	}
	return bits
}()

func (b *backlog) signed() bool { return b.sigs != nil }

// signedMsg carries the signatures of the keys as they were at generation
// gen.
type signedMsg struct {
	gen  uint64
	sigs []uint64
}

// signCmd signs every key in the background: some milliseconds with
// 100,000 posts, too many for the first frame or a key press. The filter
// reads the keys until it is done. The string of keys is never changed in
// place, only replaced, so the command reads it while the desk goes on.
func (b *backlog) signCmd() tea.Cmd {
	if b.signed() {
		return nil
	}
	keys, n, gen := b.keys, len(b.posts), b.gen
	return func() tea.Msg {
		sigs := make([]uint64, 0, n)
		for start := 0; start < len(keys); {
			end := start + strings.IndexByte(keys[start:], 0)
			sigs = append(sigs, signature(keys[start:end]))
			start = end + 1
		}
		return signedMsg{gen: gen, sigs: sigs}
	}
}

// sign takes the signatures if the keys have not changed since they
// were read.
func (b *backlog) sign(msg signedMsg) {
	if msg.gen == b.gen && len(msg.sigs) == len(b.posts) {
		b.sigs = msg.sigs
	}
}

// filterStep is one query and the posts it matched.
type filterStep struct {
	query   string
	matches []int32
}

// setQuery filters by what is typed. It starts from the matches of the
// longest query already typed that the new one extends: typing narrows
// them, erasing finds them ready.
//
// A query that must read many keys (a second letter among the 80,000
// posts the first one matched) is matched in a tea.Cmd, so that the key
// press stays within its budget: the list shows the previous matches for
// the few milliseconds until the new ones arrive. The others are matched
// at once. The command returned is nil when nothing is left to do.
func (b *backlog) setQuery(q string) tea.Cmd {
	q = store.Fold(strings.TrimSpace(q))
	if q == b.query {
		return nil
	}
	b.query = q
	for len(b.steps) > 0 && !strings.HasPrefix(q, b.steps[len(b.steps)-1].query) {
		b.steps = b.steps[:len(b.steps)-1]
	}
	if n := len(b.steps); n > 0 && b.steps[n-1].query == q {
		selected := b.selectedID()
		b.matches = b.steps[n-1].matches
		b.retab()
		b.selectID(selected)
		return nil
	}
	all := len(b.steps) == 0
	if !b.heavy(all) {
		b.refilter(all)
		return nil
	}
	return b.filterCmd(all)
}

// filterAsyncAbove is the number of keys to read above which a query is
// matched in a command rather than in the key press.
const filterAsyncAbove = 20_000

// heavy says whether matching the query means reading more keys than a
// key press can afford.
func (b *backlog) heavy(all bool) bool {
	terms := strings.Fields(b.query)
	if len(terms) == 0 {
		return false
	}
	from := len(b.posts)
	if !all {
		from = len(b.steps[len(b.steps)-1].matches)
	}
	if from <= filterAsyncAbove {
		return false
	}
	// Letters and digits alone are answered by the signatures.
	if b.signed() {
		for _, t := range terms {
			if len(t) > 1 || !ownBit(t[0]) {
				return true
			}
		}
		return false
	}
	return true
}

// filteredMsg carries the matches of query, found from scratch (all) or
// from the last step, for keys of generation gen.
type filteredMsg struct {
	gen     uint64
	query   string
	all     bool
	matches []int32
}

// filterCmd matches the query in the background. It reads what the
// filter reads, shared: the keys, offsets, signatures and matches are
// replaced when they change, never changed in place.
func (b *backlog) filterCmd(all bool) tea.Cmd {
	snap := &backlog{keys: b.keys, starts: b.starts, sigs: b.sigs, all: b.all, query: b.query}
	if !all {
		snap.steps = []filterStep{b.steps[len(b.steps)-1]}
	}
	gen, query := b.gen, b.query
	return func() tea.Msg {
		return filteredMsg{gen: gen, query: query, all: all, matches: snap.match(all)}
	}
}

// filtered takes the matches of a query matched in the background, if it
// is still the query and the keys have not changed since.
func (b *backlog) filtered(msg filteredMsg) {
	if msg.gen != b.gen || msg.query != b.query {
		return
	}
	selected := b.selectedID()
	if msg.all {
		b.steps = b.steps[:0]
	}
	b.matches = msg.matches
	b.steps = append(b.steps, filterStep{query: msg.query, matches: msg.matches})
	b.retab()
	b.selectID(selected)
}

// refilter matches the query against every post (all) or against the
// matches of the last step, and records the result as a new step.
func (b *backlog) refilter(all bool) {
	selected := b.selectedID()
	if all {
		b.steps = b.steps[:0]
	}
	next := b.match(all)
	b.matches = next
	if b.query != "" {
		b.steps = append(b.steps, filterStep{query: b.query, matches: next})
	}
	b.retab()
	b.selectID(selected)
}

// match finds the posts the query matches, among all (all) or among the
// matches of the last step. It only reads the keys, their signatures and
// the steps.
func (b *backlog) match(all bool) []int32 {
	terms := strings.Fields(b.query)
	switch {
	case len(terms) == 0:
		return b.all
	case all && (!b.signed() || len(terms[0]) > 1):
		// A term of several bytes is found sooner by one pass over all
		// the keys than by reading them one by one.
		next := b.scan(terms[0])
		if len(terms) > 1 {
			next = b.narrow(next, terms[1:])
		}
		return next
	case all:
		return b.narrow(b.all, terms)
	default:
		return b.narrow(b.steps[len(b.steps)-1].matches, terms)
	}
}

// retab recounts the tabs over the matches and lists the current tab's.
// Like narrow, it writes each match and then keeps it or not, branch-free
// over the 100,000 matches of an empty query or a first letter.
func (b *backlog) retab() {
	var counts [len(tabStatus) + 1]int // the last counts posts with no tab of their own
	view := b.view[:cap(b.view)]
	if len(view) <= len(b.matches) {
		view = make([]int32, len(b.matches)+1)
	}
	tab, first := uint8(b.tab), b.tab == 0
	k := 0
	for _, i := range b.matches {
		t := b.tabOf[i]
		counts[t]++
		view[k] = i
		if t == tab || first && t != archiveTab {
			k++
		}
	}
	b.view = view[:k]
	copy(b.counts[:], counts[:len(tabStatus)])
	b.counts[0] = len(b.matches) - counts[archiveTab]
}

// archiveTab is the index of the archive's tab, and noTab the tab of a
// status that only the first tab lists (sending, failed, unknown).
const (
	archiveTab = uint8(len(tabStatus) - 1)
	noTab      = uint8(len(tabStatus))
)

func tabFor(s store.Status) uint8 {
	for t := 1; t < len(tabStatus); t++ {
		if tabStatus[t] == s {
			return uint8(t)
		}
	}
	return noTab
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
	switch msg := msg.(type) {
	case signedMsg:
		b.sign(msg)
		return m, nil
	case filteredMsg:
		b.filtered(msg)
		b.clamp(m.listHeight())
		return m, nil
	}
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
		filter := b.setQuery(b.input.Value())
		b.clamp(m.listHeight())
		return m, tea.Batch(cmd, filter)
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
		// The keys are signed when the filter is first opened, not at
		// start: a person types the first letter well after it is done.
		// A signing lost on another screen is asked for again here.
		b.filtering = true
		return m, tea.Batch(b.input.Focus(), b.signCmd())
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
	case key.Matches(k, keys.Validate), key.Matches(k, keys.Revoke):
		if s, ok := b.selected(); ok {
			return m, m.loadToValidateCmd(s.ID, key.Matches(k, keys.Revoke))
		}
	case key.Matches(k, keys.Week):
		return m.openWeek()
	case key.Matches(k, keys.WhatsApp):
		return m.openWhatsApp()
	case key.Matches(k, keys.RefreshStats):
		return m, m.refreshStatsCmd(true)
	case key.Matches(k, keys.Correct), key.Matches(k, keys.Withdraw):
		if s, ok := b.selected(); ok {
			return m.askCorrection(s.ID, s.Title, key.Matches(k, keys.Withdraw))
		}
	case key.Matches(k, keys.Urgent):
		if s, ok := b.selected(); ok {
			return m, m.askUrgent(s)
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
	// Sends that may or may not have gone out wait for a person: every
	// screen says so until they are resolved.
	if n := m.backlog.unknown; n > 0 {
		right = st.Error.Render(fmt.Sprintf(m.t.UnknownBanner, n)) + st.Faint.Render(" · ") + right
	}
	// The connection's state, in words when there is room, else as its
	// symbol alone.
	if badge := m.waBadge(false); badge != "" {
		full := badge + st.Faint.Render(" · ") + right
		if ansi.StringWidth(left)+1+ansi.StringWidth(full) <= w {
			right = full
		} else {
			right = m.waBadge(true) + st.Faint.Render(" · ") + right
		}
	}
	// Short of room, the channel's name gives way before what the screen
	// says on the right.
	if gap := w - ansi.StringWidth(left) - ansi.StringWidth(right); gap < 1 {
		room := w - ansi.StringWidth(right) - 1
		if room < len("crieur")+2 {
			return ansi.Truncate(left, w, "…")
		}
		left = ansi.Truncate(left, room, "…")
	}
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	return left + strings.Repeat(" ", max(gap, 1)) + right
}

// tabsLine draws the status tabs with their counts. When they do not fit,
// the line scrolls so the current tab stays in view.
func (m Model) tabsLine(w int) string {
	st := &m.styles
	b := &m.backlog
	parts := make([]string, len(tabStatus))
	widths := make([]int, len(tabStatus))
	for i := range tabStatus {
		count := m.t.Count(b.counts[i])
		label := st.Tab.Render(m.t.Tabs[i])
		if i == b.tab {
			label = st.TabActive.Render(m.t.Tabs[i])
		}
		parts[i] = label + " " + st.TabCount.Render(count)
		widths[i] = cells(m.t.Tabs[i]) + 1 + cells(count)
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

// columns are the widths of a backlog row. The status and category
// columns fit the longest words of the language, so rows line up whatever
// is on screen; the title takes what is left.
type columns struct{ status, category, date, title int }

func (m Model) columns(w int) columns {
	c := columns{status: m.cells.statusW, category: m.cells.categoryW, date: m.cells.dateW}
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

func (m Model) row(c columns, s *store.Summary, selected bool) string {
	date := s.Created()
	if slot := s.Slot(); !slot.IsZero() {
		date = slot
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
		if stats := m.statsText(s.ID); stats != "" && s.Status == store.StatusSent {
			title += " · " + stats
		}
		line := c.row("▌", m.t.Status(string(s.Status)), m.t.Category(visible(s.Category)), dateText, title, mark)
		return m.cells.selected.paint(line)
	}
	pens := &m.cells
	out := "  "
	if badge, ok := m.cells.status[s.Status]; ok {
		out += badge
	} else {
		out += padRight(ansi.Truncate(visible(string(s.Status)), c.status, "…"), c.status)
	}
	out += " "
	if c.category > 0 {
		if cat, ok := m.cells.category[s.Category]; ok {
			out += cat
		} else {
			out += pens.muted.paint(padRight(ansi.Truncate(visible(s.Category), c.category, "…"), c.category))
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
		suffix := ansi.Truncate(" · "+m.t.SampleMark, c.title-tw, "…")
		out += pens.sample.paint(suffix)
		tw += cells(suffix)
	}
	if s.Status == store.StatusSent && tw+3 < c.title {
		if stats := m.statsText(s.ID); stats != "" {
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

// statusOf is the status the backlog shows for a post, "" if it is not
// listed.
func (b *backlog) statusOf(id string) store.Status {
	for i := range b.posts {
		if b.posts[i].ID == id {
			return b.posts[i].Status
		}
	}
	return ""
}
