package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unsafe"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
)

// Backlog is what the desk lists: every post's summary, newest first, and
// their search keys end to end in one string, each followed by a zero
// byte. Post i's key is Keys[Starts[i]:Starts[i+1]-1]; Starts has one
// more entry than Posts, the end of Keys. One string rather than one per
// summary saves a string header and an allocation a post, and lets the
// filter find a word with one scan over contiguous bytes.
type Backlog struct {
	Posts  []Summary // the summaries; their search keys are in Keys
	Keys   string
	Starts []int32
}

// Key is the search key of post i.
func (b Backlog) Key(i int) string { return b.Keys[b.Starts[i] : b.Starts[i+1]-1] }

// Backlog reads every post's summary, newest first, from the summary
// bucket alone, copying the keys into one string as it goes.
func (s *Store) Backlog() (Backlog, error) { return s.backlog(-1) }

// Newest reads the summaries of the n newest posts, newest first, as
// Backlog does: what the desk draws first, whatever the size of the
// file, while the rest is read.
func (s *Store) Newest(n int) (Backlog, error) { return s.backlog(max(n, 0)) }

// backlog reads the newest limit summaries, or every one when limit is
// negative.
func (s *Store) backlog(limit int) (Backlog, error) {
	var out Backlog
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSummaries)
		if err != nil {
			return err
		}
		c := b.Cursor()
		// A first pass measures the keys, so that their string is
		// allocated once, at its size: no copy, no slack, nothing to
		// collect.
		n, size := 0, 0
		for k, v := c.Last(); k != nil && n != limit; k, v = c.Prev() {
			n, size = n+1, size+summaryKeyLen(v)+1
		}
		if size > math.MaxInt32 {
			return fmt.Errorf("the search keys of %d posts take %d bytes, more than 2 GB", n, size)
		}
		posts := make([]Summary, 0, n)
		starts := make([]int32, 0, n+1)
		keys := make([]byte, 0, size)
		// A few summaries have their strings allocated one by one, not
		// in an arena's block that would outlive them.
		var text *arena
		if limit < 0 {
			text = &arena{}
		}
		for k, v := c.Last(); k != nil && len(posts) < n; k, v = c.Prev() {
			sum, key, err := decodeSummaryIn(v, text)
			if err != nil {
				return fmt.Errorf("post %s: %w", k, err)
			}
			posts = append(posts, sum)
			starts = append(starts, int32(len(keys)))
			keys = appendKey(keys, key)
		}
		starts = append(starts, int32(len(keys)))
		out = Backlog{Posts: posts, Starts: starts}
		if len(keys) > 0 {
			out.Keys = unsafe.String(&keys[0], len(keys))
		}
		if limit < 0 {
			// The desk will not read these pages again until a post is
			// opened or saved: the kernel may take them out of its
			// resident set.
			releasePages(tx)
		}
		return nil
	})
	if err != nil {
		return Backlog{}, err
	}
	return out, nil
}

// appendKey adds one search key and the zero byte that ends it. Keys are
// written without zero bytes; one in a damaged or older record becomes a
// space.
func appendKey(keys, key []byte) []byte {
	start := len(keys)
	keys = append(keys, key...)
	if bytes.IndexByte(key, 0) >= 0 {
		for i := start; i < len(keys); i++ {
			if keys[i] == 0 {
				keys[i] = ' '
			}
		}
	}
	return append(keys, 0)
}

// Summaries lists every post, newest first, without their search keys
// (see Backlog).
func (s *Store) Summaries() ([]Summary, error) {
	b, err := s.Backlog()
	return b.Posts, err
}

// Post reads one post.
func (s *Store) Post(id string) (Post, error) {
	var p Post
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		p, err = getPost(tx, id)
		return err
	})
	return p, err
}

func getPost(tx *bolt.Tx, id string) (Post, error) {
	var p Post
	b, err := bucket(tx, bucketPosts)
	if err != nil {
		return p, err
	}
	v := b.Get([]byte(id))
	if v == nil {
		return p, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err := decodeJSON(v, &p); err != nil {
		return p, fmt.Errorf("post %s: %w", id, err)
	}
	return p, nil
}

// putPost writes p as the post's current version and as a new revision,
// refreshes its summary and drops its working copy: the four writes of a
// save, always together in the caller's transaction.
func (s *Store) putPost(tx *bolt.Tx, p Post, kind string, from uint64) (Post, error) {
	if err := keepPicture(tx, &p); err != nil {
		return p, err
	}
	now := s.now()
	p.Rev++
	p.Updated = now
	if p.Created.IsZero() {
		p.Created = now
	}
	val, err := encodeJSON(p)
	if err != nil {
		return p, err
	}
	rev, err := encodeJSON(Revision{Rev: p.Rev, At: now, Kind: kind, From: from, By: s.who, Post: p})
	if err != nil {
		return p, err
	}
	posts, err := bucket(tx, bucketPosts)
	if err != nil {
		return p, err
	}
	sums, err := bucket(tx, bucketSummaries)
	if err != nil {
		return p, err
	}
	revs, err := bucket(tx, bucketRevisions)
	if err != nil {
		return p, err
	}
	working, err := bucket(tx, bucketWorking)
	if err != nil {
		return p, err
	}
	if strings.IndexByte(p.ID, 0) >= 0 {
		return p, fmt.Errorf("post id %q holds a zero byte", p.ID)
	}

	// Ids grow with time, so new posts are appended at the end of these
	// buckets: pages filled this far, rather than bbolt's half, keep the
	// file and the cold start small.
	posts.FillPercent, sums.FillPercent, revs.FillPercent = appendFill, appendFill, appendFill
	id := []byte(p.ID)
	if err := posts.Put(id, val); err != nil {
		return p, err
	}
	if err := sums.Put(id, encodeSummary(p.Summary(), p.SearchKey())); err != nil {
		return p, err
	}
	if err := revs.Put(revKey(p.ID, p.Rev), rev); err != nil {
		return p, err
	}
	if err := indexPost(tx, p); err != nil {
		return p, err
	}
	return p, working.Delete(workingKey(p.ID, s.who))
}

// SavePost stores the editor's content of a post as a new revision. The
// post's Rev must be the one it was read at (0 for a new post): a post
// changed since then is refused with ErrConflict rather than overwritten.
// Saving content identical to the stored version writes nothing.
func (s *Store) SavePost(p Post) (Post, error) { return s.save(p, false) }

// SaveOver stores p as a new revision on top of the stored version, even
// when that version is newer than the one p was read at: on the team desk,
// someone saved while this person was typing. Nothing is lost: the newer
// version stays in the history, and the revision records the one p was
// read at.
func (s *Store) SaveOver(p Post) (Post, error) { return s.save(p, true) }

func (s *Store) save(p Post, over bool) (Post, error) {
	if p.ID == "" {
		p.ID = NewID(s.now())
	}
	if p.Status == "" {
		p.Status = StatusIdea
	}
	if !p.Status.Valid() {
		return p, fmt.Errorf("%w: unknown status %q", ErrStatus, p.Status)
	}
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		// The picture's sum first: what the post sends, and so whether
		// its validation holds, depends on it.
		if err := keepPicture(tx, &p); err != nil {
			return err
		}
		cur, err := getPost(tx, p.ID)
		from := uint64(0)
		if err == nil && over && cur.Rev != p.Rev {
			from, p.Rev = p.Rev, cur.Rev
		}
		switch {
		case err == nil:
			if cur.Rev != p.Rev {
				return fmt.Errorf("%w (revision %d, opened at %d)", ErrConflict, cur.Rev, p.Rev)
			}
			if SameContent(cur, p) && cur.Problems == p.Problems && sameCard(cur.Card, p.Card) {
				saved = cur
				return bucketDeleteKey(tx, bucketWorking, workingKey(p.ID, s.who))
			}
			// A save changes what a post says, never where it stands: the
			// status and the validation stay as stored, except that a
			// validated post whose outgoing message changed goes back to
			// ready.
			p.Created, p.Status, p.Before, p.Validation = cur.Created, cur.Status, cur.Before, cur.Validation
			if err := s.keepValidation(tx, &p, ReasonEdit); err != nil {
				return err
			}
		case !errors.Is(err, ErrNotFound):
			// A post that cannot be read is reported, never overwritten.
			return err
		case p.Rev != 0:
			return err
		default:
			if p.Status != StatusIdea && p.Status != StatusDraft && p.Status != StatusReady {
				return fmt.Errorf("%w: a new post starts as an idea, a draft or ready", ErrStatus)
			}
			p.Validation = nil
		}
		p.EditedBy = s.who
		saved, err = s.putPost(tx, p, RevSave, from)
		return err
	})
	return saved, err
}

func bucketDelete(tx *bolt.Tx, name []byte, id string) error {
	return bucketDeleteKey(tx, name, []byte(id))
}

func bucketDeleteKey(tx *bolt.Tx, name []byte, key []byte) error {
	b, err := bucket(tx, name)
	if err != nil {
		return err
	}
	return b.Delete(key)
}

// SameContent reports whether two versions of a post read the same: the
// fields the community manager edits, status aside.
func SameContent(a, b Post) bool {
	return a.Title == b.Title && a.Body == b.Body && a.Link == b.Link &&
		a.Category == b.Category && a.Image == b.Image && a.Alt == b.Alt && a.Notes == b.Notes &&
		samePicture(a.Picture, b.Picture)
}

// editorial lists the status changes a person makes by hand in the backlog
// or the editor. Validation, planning and sending have their own methods
// that check their own conditions.
var editorial = map[Status][]Status{
	StatusIdea:  {StatusDraft},
	StatusDraft: {StatusIdea, StatusReady},
	StatusReady: {StatusDraft},
}

// CanMove reports whether a person may move a post from one status to
// another by hand.
func CanMove(from, to Status) bool {
	for _, s := range editorial[from] {
		if s == to {
			return true
		}
	}
	return false
}

// SetStatus moves a post along the editorial flow (idea, draft, ready).
func (s *Store) SetStatus(id string, to Status) (Post, error) {
	return s.change(id, func(p *Post) error {
		if !CanMove(p.Status, to) {
			return fmt.Errorf("%w: %s to %s", ErrStatus, p.Status, to)
		}
		p.Status = to
		return nil
	})
}

// Archive puts a post in the archive, or takes it back out to the status
// it had before.
func (s *Store) Archive(id string) (Post, error) {
	return s.change(id, func(p *Post) error {
		switch p.Status {
		case StatusArchived:
			p.Status, p.Before = p.Before, ""
			if !p.Status.Valid() || p.Status == StatusArchived {
				p.Status = StatusDraft
			}
		case StatusSending:
			return fmt.Errorf("%w: a post being sent cannot be archived", ErrStatus)
		default:
			p.Status, p.Before = StatusArchived, p.Status
		}
		return nil
	})
}

// change applies fn to the stored post and saves the result as a status
// revision, in one transaction. The checks an idea gets are not a
// draft's: the post's errors are counted again for its new status.
func (s *Store) change(id string, fn func(*Post) error) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, id)
		if err != nil {
			return err
		}
		if err := fn(&p); err != nil {
			return err
		}
		s.recount(&p)
		saved, err = s.putPost(tx, p, RevStatus, 0)
		return err
	})
	return saved, err
}

// recount counts a post's errors again, when the store was given the
// checks' rule.
func (s *Store) recount(p *Post) {
	if s.problems != nil {
		p.Problems = s.problems(*p)
	}
}

// Revisions lists every saved version of a post, oldest first.
func (s *Store) Revisions(id string) ([]Revision, error) {
	var out []Revision
	err := s.view(func(tx *bolt.Tx) error {
		revs, err := bucket(tx, bucketRevisions)
		if err != nil {
			return err
		}
		prefix := revKey(id, 0)[:len(id)+1]
		c := revs.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var r Revision
			if err := decodeJSON(v, &r); err != nil {
				return fmt.Errorf("post %s revision %d: %w", id, u64(k[len(prefix):]), err)
			}
			out = append(out, r)
		}
		if len(out) == 0 {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		return nil
	})
	return out, err
}

// Restore brings back the content of an earlier revision. Nothing is
// rewritten: the restored content becomes a new revision on top. A
// validated, planned or sent post whose restored content would send
// something else than what was validated loses its validation at once
// (ReasonRestore), as an edit would: no validation ever stands over text
// it does not match.
func (s *Store) Restore(id string, rev uint64) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, id)
		if err != nil {
			return err
		}
		revs, err := bucket(tx, bucketRevisions)
		if err != nil {
			return err
		}
		var old Revision
		v := revs.Get(revKey(id, rev))
		if v == nil {
			return fmt.Errorf("%w: %s revision %d", ErrNotFound, id, rev)
		}
		if err := decodeJSON(v, &old); err != nil {
			return fmt.Errorf("post %s revision %d: %w", id, rev, err)
		}
		o := old.Post
		p.Title, p.Body, p.Link, p.Category, p.Image, p.Alt, p.Notes = o.Title, o.Body, o.Link, o.Category, o.Image, o.Alt, o.Notes
		p.Picture = o.Picture
		p.Problems = o.Problems
		s.recount(&p)
		// What the restored text would send is not what was validated,
		// unless it is the very text: the validation goes at once, for
		// that reason, as after an edit.
		if err := s.keepValidation(tx, &p, ReasonRestore); err != nil {
			return err
		}
		p.EditedBy = s.who
		saved, err = s.putPost(tx, p, RevRestore, rev)
		return err
	})
	return saved, err
}

// DeleteSamples removes the sample week, all of it, in one step.
func (s *Store) DeleteSamples() (int, error) {
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		sums, err := bucket(tx, bucketSummaries)
		if err != nil {
			return err
		}
		var ids [][]byte
		err = sums.ForEach(func(k, v []byte) error {
			sum, _, err := decodeSummary(v)
			if err != nil {
				return err
			}
			if sum.Sample {
				ids = append(ids, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := deletePost(tx, id); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func deletePost(tx *bolt.Tx, id []byte) error {
	events, err := bucket(tx, bucketEvents)
	if err != nil {
		return err
	}
	if events.Bucket(id) != nil {
		if err := events.DeleteBucket(id); err != nil {
			return err
		}
	}
	if err := deleteWorking(tx, id); err != nil {
		return err
	}
	for _, name := range [][]byte{bucketPosts, bucketSummaries, bucketStats} {
		b, err := bucket(tx, name)
		if err != nil {
			return err
		}
		if err := b.Delete(id); err != nil {
			return err
		}
	}
	revs, err := bucket(tx, bucketRevisions)
	if err != nil {
		return err
	}
	prefix := revKey(string(id), 0)[:len(id)+1]
	var keys [][]byte
	c := revs.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	for _, k := range keys {
		if err := revs.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// appendFill is how full putPost packs the pages of the buckets keyed by
// post id.
const appendFill = 0.9

// revKey is the key of one revision in the revisions bucket: the post's id,
// a zero byte, and the revision number in big-endian order, so that a
// post's revisions sit together, oldest first, and one id is never the
// prefix of another's key.
func revKey(id string, rev uint64) []byte {
	k := make([]byte, 0, len(id)+9)
	k = append(k, id...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, rev)
}

// Import adds posts in one transaction: all of them or, on any error, none.
// Each gets a new id in the order of its creation date; posts created in
// the same millisecond keep the order they were given in. For many posts,
// an Importer keeps the memory flat.
func (s *Store) Import(posts []Post, kind string) ([]Post, error) {
	var saved []Post
	err := s.update(func(tx *bolt.Tx) error {
		saved = saved[:0]
		entropy := ulid.Monotonic(rand.Reader, 0)
		for _, p := range posts {
			sp, err := s.putImported(tx, p, kind, entropy)
			if err != nil {
				return err
			}
			saved = append(saved, sp)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// putImported writes one imported post, inside the caller's transaction,
// with a new id from its creation date.
func (s *Store) putImported(tx *bolt.Tx, p Post, kind string, entropy io.Reader) (Post, error) {
	created := p.Created
	if created.IsZero() {
		created = s.now()
	}
	id, err := ulid.New(ulid.Timestamp(created), entropy)
	if err != nil {
		return p, fmt.Errorf("post id for %s: %w", created.Format(time.RFC3339), err)
	}
	p.ID = id.String()
	p.Created = created
	p.Rev = 0
	if p.Status == "" {
		p.Status = StatusIdea
	}
	if !p.Status.Valid() {
		return p, fmt.Errorf("%w: unknown status %q", ErrStatus, p.Status)
	}
	// A validation is made at this desk, on this text, and a slot in
	// this desk's week: neither is ever imported. Nobody knows how a send
	// caught in the middle ended.
	switch p.Status {
	case StatusValidated, StatusPlanned:
		p.Status = StatusReady
	case StatusSending:
		p.Status = StatusUnknown
	}
	p.Validation, p.Slot = nil, time.Time{}
	return s.putPost(tx, p, kind, 0)
}

// EachPost calls fn for every post, newest first, inside one read
// transaction (for export).
func (s *Store) EachPost(fn func(Post) error) error {
	return s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketPosts)
		if err != nil {
			return err
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var p Post
			if err := decodeJSON(v, &p); err != nil {
				return fmt.Errorf("post %s: %w", k, err)
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	})
}

func sameCard(a, b *Card) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Same(*b) && a.Fetched.Equal(b.Fetched)
}
