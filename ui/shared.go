package ui

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"crieur/store"
)

// SharedBacklog is the backlog's index held once for every session of the
// team desk: the summaries, their search keys, each post's tab and, once
// a filter asked for them, the keys' signatures. A session keeps only what
// is its own (its tab, its filter's matches, its cursor). The index is
// never changed in place: a change makes the next one, which every
// session takes as the change reaches it; the first session to hear of a
// change builds it, the others find it built. Its methods are safe for
// concurrent use; the zero value is ready.
type SharedBacklog struct {
	mu  sync.Mutex
	cur *backlogIndex
	// reads counts the readings of the store begun, so that sessions told
	// to read the backlog again at the same moment share one reading.
	reads atomic.Uint64
}

// NewSharedBacklog is an empty index; the first session reads it.
func NewSharedBacklog() *SharedBacklog { return &SharedBacklog{} }

// backlogIndex is one state of the shared backlog; nothing in it changes
// once it is made, but its signatures, set once.
type backlogIndex struct {
	backlog store.Backlog
	all     []int32 // every index, the matches of an empty query
	tabOf   []uint8 // each post's tab
	samples int
	sigs    atomic.Pointer[[]uint64] // the keys' signatures, once signed
}

func newBacklogIndex(bl store.Backlog) *backlogIndex {
	x := &backlogIndex{backlog: bl, all: make([]int32, len(bl.Posts)), tabOf: make([]uint8, len(bl.Posts))}
	for i := range bl.Posts {
		x.all[i] = int32(i)
		x.tabOf[i] = tabFor(bl.Posts[i].Status())
		if bl.Posts[i].Sample {
			x.samples++
		}
	}
	return x
}

// asked is the mark a session takes when it is told to read the backlog
// again: a reading begun after it will do.
func (s *SharedBacklog) asked() uint64 { return s.reads.Load() }

// current is the index as it stands, nil before the first reading.
func (s *SharedBacklog) current() *backlogIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

// read is the index read from the store after the mark asked (fresh), or
// any index already read (not fresh): the sessions opening at once, or
// told at once to read again, share one reading.
func (s *SharedBacklog) read(st *store.Store, asked uint64, fresh bool) (*backlogIndex, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && (!fresh || s.reads.Load() > asked) {
		return s.cur, nil
	}
	s.reads.Add(1)
	bl, err := st.Backlog()
	if err != nil {
		return nil, err
	}
	s.cur = newBacklogIndex(bl)
	return s.cur, nil
}

// upsert puts a post as the store returned it in the index, once: the
// session that hears of it after another finds it there. A post older
// than the one the index holds changes nothing. Nil before the first
// reading.
func (s *SharedBacklog) upsert(p store.Post) *backlogIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	x := s.cur
	if x == nil {
		return nil
	}
	sum, key := p.Summary(), strings.ReplaceAll(p.SearchKey(), "\x00", " ")
	i := slices.IndexFunc(x.backlog.Posts, func(q store.Summary) bool { return q.ID() == p.ID })
	if i >= 0 && (x.backlog.Posts[i] == sum && x.backlog.Key(i) == key || x.backlog.Posts[i].Updated().After(p.Updated)) {
		return x
	}
	s.cur = x.with(i, sum, key)
	return s.cur
}

// with is the index with summary sum and key in place of post i's, or on
// top when i is -1 (a new post is the newest). Everything is copied,
// never changed in place: sessions draw from the index they hold.
func (x *backlogIndex) with(i int, sum store.Summary, key string) *backlogIndex {
	bl := x.backlog
	n := len(bl.Posts)
	var posts []store.Summary
	var starts []int32
	at := i
	if i < 0 {
		at = 0
		posts = make([]store.Summary, n+1)
		posts[0] = sum
		copy(posts[1:], bl.Posts)
		starts = make([]int32, n+2)
		copy(starts[1:], bl.Starts)
	} else {
		posts = slices.Clone(bl.Posts)
		posts[i] = sum
		starts = slices.Clone(bl.Starts)
	}
	start, end := int(starts[at]), int(starts[at+1])
	if i < 0 {
		end = start
	}
	var keys strings.Builder
	keys.Grow(len(bl.Keys) - (end - start) + len(key) + 1)
	keys.WriteString(bl.Keys[:start])
	keys.WriteString(key)
	keys.WriteByte(0)
	keys.WriteString(bl.Keys[end:])
	delta := int32(keys.Len() - len(bl.Keys))
	for j := at + 1; j < len(starts); j++ {
		starts[j] += delta
	}
	next := &backlogIndex{backlog: store.Backlog{Posts: posts, Keys: keys.String(), Starts: starts}}
	if i < 0 {
		next.all = make([]int32, n+1)
		for j := range next.all {
			next.all[j] = int32(j)
		}
		next.tabOf = make([]uint8, n+1)
		copy(next.tabOf[1:], x.tabOf)
	} else {
		next.all, next.tabOf = x.all, slices.Clone(x.tabOf)
	}
	next.tabOf[at] = tabFor(sum.Status())
	next.samples = 0
	for _, p := range posts {
		if p.Sample {
			next.samples++
		}
	}
	if old := x.sigs.Load(); old != nil {
		var sigs []uint64
		if i < 0 {
			sigs = make([]uint64, n+1)
			copy(sigs[1:], *old)
		} else {
			sigs = slices.Clone(*old)
		}
		sigs[at] = signature(key)
		next.sigs.Store(&sigs)
	}
	return next
}

// signatures are the keys' signatures, computed once for every session.
func (x *backlogIndex) signatures() []uint64 {
	if s := x.sigs.Load(); s != nil {
		return *s
	}
	sigs := signKeys(x.backlog.Keys, len(x.backlog.Posts))
	x.sigs.CompareAndSwap(nil, &sigs)
	return *x.sigs.Load()
}

// adopt takes an index of the shared backlog: the session holds it as it
// is and filters it again.
func (b *backlog) adopt(x *backlogIndex) {
	selected := b.selectedID()
	b.shared, b.loaded, b.partial = x, true, false
	b.posts, b.keys, b.starts = x.backlog.Posts, x.backlog.Keys, x.backlog.Starts
	b.all, b.tabOf, b.samples = x.all, x.tabOf, x.samples
	b.gen++
	b.sigs = nil
	if s := x.sigs.Load(); s != nil {
		b.sigs = *s
	}
	b.steps = b.steps[:0]
	b.refilter(true, selected)
}
