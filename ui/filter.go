package ui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"crieur/store"
)

// The backlog's posts and its filter: the summaries, their search keys in
// one string, the signatures of the keys, the matches of each query typed
// and the tabs. Everything here is changed by replacing, never in place,
// so that a filter running in the background reads what it was given.

// setPosts takes the backlog as the store read it, keys and all: the
// keys are held once, in the string the filter scans.
func (b *backlog) setPosts(bl store.Backlog) {
	selected := b.selectedID()
	b.shared = nil
	b.posts, b.keys, b.starts = bl.Posts, bl.Keys, bl.Starts
	b.gen, b.sigs = b.gen+1, nil
	b.index()
	b.samples = 0
	for _, p := range b.posts {
		if p.Sample {
			b.samples++
		}
	}
	b.refilter(true, selected)
}

// upsert puts a post's new summary in place, or at the top when it is new,
// and its search key among the others.
func (b *backlog) upsert(p store.Post) {
	selected := b.selectedID()
	s, key := p.Summary(), p.SearchKey()
	i := slices.IndexFunc(b.posts, func(p store.Summary) bool { return p.ID() == s.ID() })
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
	if selected == "" {
		selected = s.ID()
	}
	b.refilter(true, selected)
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

// removeSamples drops the sample posts from the list. The view still
// points into the posts as they were until refilter makes it again: the
// selection is read before anything moves.
func (b *backlog) removeSamples() {
	selected := b.selectedID()
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
	b.refilter(true, selected)
}

// index prepares the filter after the posts changed: the list of every
// post and each post's tab. The keys come ready from the store, in one
// string: searching it for the first word is one fast scan over
// contiguous memory, where visiting 100,000 summaries one by one is mostly
// waiting for memory.
func (b *backlog) index() {
	b.all = make([]int32, len(b.posts))
	b.tabOf = make([]uint8, len(b.posts))
	for i := range b.posts {
		b.all[i] = int32(i)
		b.tabOf[i] = tabFor(b.posts[i].Status())
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

// signCmd signs every key in the background: some milliseconds with
// 100,000 posts, too many for the first frame or a key press. The filter
// reads the keys until it is done. The string of keys is never changed in
// place, only replaced, so the command reads it while the desk goes on.
func (b *backlog) signCmd() tea.Cmd {
	if b.signed() {
		return nil
	}
	keys, n, gen, shared := b.keys, len(b.posts), b.gen, b.shared
	return func() tea.Msg {
		if shared != nil {
			// Signed once for every session of the team desk.
			return signedMsg{gen: gen, sigs: shared.signatures()}
		}
		return signedMsg{gen: gen, sigs: signKeys(keys, n)}
	}
}

// signKeys signs the n keys of a backlog's string of keys.
func signKeys(keys string, n int) []uint64 {
	sigs := make([]uint64, 0, n)
	for start := 0; start < len(keys); {
		end := start + strings.IndexByte(keys[start:], 0)
		sigs = append(sigs, signature(keys[start:end]))
		start = end + 1
	}
	return sigs
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
	if b.partial {
		return nil // the backlog's reading applies it (load)
	}
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
		b.refilter(all, b.selectedID())
		return nil
	}
	return b.filterCmd(all)
}

// filterAsyncAbove is the number of keys to read above which a query is
// matched in a command rather than in the key press.
const filterAsyncAbove = 5_000

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
// is still the query and the keys have not changed since. Matches that
// arrive once the filter's line is closed end the filter (doneWith).
func (b *backlog) filtered(d *desk, msg filteredMsg) tea.Cmd {
	if msg.gen != b.gen || msg.query != b.query {
		return nil
	}
	selected := b.selectedID()
	if msg.all {
		b.steps = b.steps[:0]
	}
	b.matches = msg.matches
	b.steps = append(b.steps, filterStep{query: msg.query, matches: msg.matches})
	b.retab()
	b.selectID(selected)
	if b.tidy {
		return b.doneWith(d)
	}
	return nil
}

// doneWith ends a filter whose line was closed: once its matches are on
// screen, the program may give back what its keystrokes used (Tidy).
// Until they are, it waits for them. The signatures go too (800 kB with
// 100,000 posts): opening the filter signs the keys again, in the
// background, before a person types the first letter. The team desk's
// are its shared index's, kept for every session.
func (b *backlog) doneWith(d *desk) tea.Cmd {
	b.tidy = b.query != "" && (len(b.steps) == 0 || b.steps[len(b.steps)-1].query != b.query)
	if b.tidy || b.filtering {
		return nil
	}
	if b.shared == nil {
		b.sigs = nil
	}
	return d.tidyCmd()
}

// refilter matches the query against every post (all) or against the
// matches of the last step, records the result as a new step, and keeps
// the post selected that was (the caller reads it before changing the
// posts, whose indices the view holds).
func (b *backlog) refilter(all bool, selected string) {
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
