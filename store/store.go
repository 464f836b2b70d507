// Package store keeps the desk's data in one bbolt file: posts, their
// revisions and working copies, and the summaries the backlog lists; the
// validations and events of each post; the week's plan; the send log, the
// publications and their corrections, and the stats read back from the
// channel; and the file's backups. Every change is one bbolt transaction,
// so a crash at any instant leaves the file as it was before the change or
// as it is after it, never in between.
//
// It is the domain and its storage only, and imports nothing else of
// crieur: what it needs of the settings (the destinations a slot sends to,
// the time zone) and of the outgoing message (the hash that seals a
// validation) its callers hand it as plain values and functions.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout of the file this crieur writes. A file with a
// higher number comes from a newer crieur and is refused, untouched.
//
// Schema 2 keeps each post's picture in the file (Picture): a crieur of
// schema 1 would read the post without it and send from the path again.
// A file of schema 1 is upgraded when it is opened (see PicturesToTake).
const SchemaVersion = 2

var (
	bucketMeta      = []byte("meta")
	bucketPosts     = []byte("posts")
	bucketSummaries = []byte("summaries")
	bucketRevisions = []byte("revisions") // every revision of every post, keyed by id, 0, revision number
	bucketWorking   = []byte("working")   // unsaved editor content, one per post
	bucketEvents    = []byte("events")    // validation events, one nested bucket per post
	bucketSends     = []byte("sends")     // the send log: every send, keyed by its id (a ULID)
	bucketPostSends = []byte("postsends") // post id, 0, send id: each post's sends, oldest first
	bucketQueue     = []byte("queue")     // due time, send id: the queued sends, soonest first
	bucketOpenSends = []byte("opensends") // send id -> state: the sends in sending or unknown
	bucketSlots     = []byte("slots")     // slot time, post id: the posts planned in the weeks
	bucketStats     = []byte("stats")     // post id -> its latest views and reactions (PostStats)
	bucketThumbs    = []byte("thumbs")    // SHA-256 of a link card's thumbnail -> its JPEG bytes
	bucketPictures  = []byte("pictures")  // SHA-256 of a post's picture -> its bytes (schema 2)
	bucketImporting = []byte("importing") // what an import cut short wrote, to take back (see Importer)
	// bucketMeetings, bucketReserved and bucketFeeds: see meeting.go.

	// allBuckets are the top-level buckets of a schema 1 file.
	allBuckets = [][]byte{bucketMeta, bucketPosts, bucketSummaries, bucketRevisions, bucketWorking, bucketEvents,
		bucketSends, bucketPostSends, bucketQueue, bucketOpenSends, bucketSlots, bucketStats, bucketThumbs,
		bucketMeetings, bucketReserved, bucketFeeds, bucketPictures, bucketImporting}

	keySchema = []byte("schema")
	// keyPicturesTaken is set once no post's picture is a path alone.
	keyPicturesTaken = []byte("pictures-taken")
)

// Errors a caller can tell apart; each wraps the file's path when returned.
var (
	ErrLocked   = errors.New("the data file is open in another crieur")
	ErrNewer    = errors.New("the data file was written by a newer crieur")
	ErrDamaged  = errors.New("the data file is damaged or is not a crieur file")
	ErrNotFound = errors.New("no such post")
	ErrConflict = errors.New("the post was changed elsewhere since it was opened")
	ErrStatus   = errors.New("that status change is not allowed")
)

// Options tune Open. The zero value is what the desk uses.
type Options struct {
	// Timeout is how long to wait for another crieur to let go of the file.
	Timeout time.Duration
	// Now is the clock; tests pass a fixed one.
	Now func() time.Time
	// Hash is the sender's rule for the hash of the message a post sends.
	// With it, the store keeps every validation bound to its exact text;
	// without it, posts cannot be validated.
	Hash HashFunc
	// Problems counts the errors the checks find in a post, by the
	// sender's rules. With it, the store keeps a post's Problems true
	// when its status changes by hand or an old revision comes back,
	// where no editor computed them; without it they stay as saved.
	Problems func(Post) int
}

// Store is an open data file.
type Store struct {
	db    *bolt.DB
	path  string
	now   func() time.Time
	fresh bool
	hash  HashFunc
	// problems counts a post's errors; nil keeps them as saved.
	problems func(Post) int
	// who is the person the handle acts for (As): the revisions it
	// writes and the working copies it keeps are theirs.
	who string
	// borrowed: a handle made by As, whose Close leaves the file open.
	borrowed bool
}

// As is the same open file acting for a person of the team desk: the
// revisions it writes record them, and the working copies it keeps and
// finds are theirs alone. Closing it leaves the file open; the process
// that opened the file closes it.
func (s *Store) As(who string) *Store {
	c := *s
	c.who, c.borrowed = who, true
	return &c
}

// Who is the person the handle acts for; empty for the desk of one person.
func (s *Store) Who() string { return s.who }

// Open opens (or creates) the data file at path. It never writes to a file
// it does not recognise: a locked, damaged or newer file is an error that
// says which and names the file.
func Open(path string, opts Options) (s *Store, err error) {
	if opts.Timeout == 0 {
		opts.Timeout = time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create data folder for %s: %w", path, err)
	}
	info, statErr := os.Stat(path)
	existed := statErr == nil && info.Size() > 0
	if statErr == nil && info.IsDir() {
		return nil, fmt.Errorf("%s: %w (it is a folder)", path, ErrDamaged)
	}

	// bbolt maps the file into memory and trusts the page numbers it
	// finds there: in a truncated file they point past the end, and
	// reading them is a memory fault. Turned into a panic, the fault
	// becomes an ErrDamaged like any other bad page; the lock bbolt took
	// before it failed is released.
	var file *os.File
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				releaseLock(file)
				file.Close()
			}
			err = fmt.Errorf("%s: %w (%s)", path, ErrDamaged, panicReason(r))
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	db, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout: opts.Timeout,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, perm)
			file = f
			return f, err
		},
	})
	if err != nil {
		switch {
		case errors.Is(err, bolterrors.ErrTimeout):
			return nil, fmt.Errorf("%s: %w", path, ErrLocked)
		case errors.Is(err, fs.ErrPermission):
			return nil, fmt.Errorf("open %s: %w", path, err)
		case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrVersionMismatch):
			return nil, fmt.Errorf("%s: %w", path, ErrDamaged)
		default:
			var pe *fs.PathError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("open %s: %w", path, err)
			}
			return nil, fmt.Errorf("%s: %w (%v)", path, ErrDamaged, err)
		}
	}
	s = &Store{db: db, path: path, now: opts.Now, hash: opts.Hash, problems: opts.Problems}
	if err := s.prepare(existed); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// prepare checks the schema of an existing file, or lays out a new one.
func (s *Store) prepare(existed bool) error {
	var version uint64
	err := s.view(func(tx *bolt.Tx) error {
		// A file cut short may still open, when its first pages are
		// intact: the pages its last transaction counts must all be there.
		if info, err := os.Stat(s.path); err == nil && info.Size() < tx.Size() {
			return fmt.Errorf("%s: %w (it holds %d bytes of its %d: it may be truncated)", s.path, ErrDamaged, info.Size(), tx.Size())
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		v := meta.Get(keySchema)
		if len(v) != 8 {
			return fmt.Errorf("%s: %w (no schema version)", s.path, ErrDamaged)
		}
		version = u64(v)
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case version > SchemaVersion:
		return fmt.Errorf("%s: %w (schema %d; this crieur reads up to %d)", s.path, ErrNewer, version, SchemaVersion)
	case version == SchemaVersion:
		if err := s.addMissingBuckets(); err != nil {
			return err
		}
		if err := s.finishImport(); err != nil {
			return err
		}
		return s.ensureLinkIndex()
	case version == 1:
		if err := s.upgrade1(); err != nil {
			return err
		}
		return s.ensureLinkIndex()
	case existed && s.hasBuckets():
		return fmt.Errorf("%s: %w (buckets without a schema version)", s.path, ErrDamaged)
	}
	s.fresh = true
	return s.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketMeta).Put(keyPicturesTaken, []byte{1}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keySchema, u64key(SchemaVersion)); err != nil {
			return err
		}
		return buildLinkIndex(tx)
	})
}

// finishImport takes back an import that was cut short, before anything
// reads the file (see Importer).
func (s *Store) finishImport() error { return s.takeBackImport() }

// upgrade1 brings a file of schema 1 to this one, in one transaction: the
// buckets it lacks, and its pictures left to take (PicturesToTake).
func (s *Store) upgrade1() error {
	return s.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, u64key(SchemaVersion))
	})
}

// ensureLinkIndex builds the link index of a file made before it existed,
// or by another rule; a file whose index is current is not written to.
func (s *Store) ensureLinkIndex() error {
	current := false
	if err := s.view(func(tx *bolt.Tx) error { current = linkIndexCurrent(tx); return nil }); err != nil || current {
		return err
	}
	return s.update(buildLinkIndex)
}

func (s *Store) hasBuckets() bool {
	any := false
	_ = s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func([]byte, *bolt.Bucket) error { any = true; return nil })
	})
	return any
}

// Close releases the file for another crieur; a handle made by As
// leaves it open.
func (s *Store) Close() error {
	if s.borrowed {
		return nil
	}
	return s.db.Close()
}

// Path is the data file's location.
func (s *Store) Path() string { return s.path }

// Fresh reports whether Open created the file: the desk then offers the
// sample week.
func (s *Store) Fresh() bool { return s.fresh }

// view and update run a transaction and turn a panic from a damaged page,
// or a memory fault from a page past the end of a truncated file, into an
// error: the user gets a message, not a stack trace.
func (s *Store) view(fn func(*bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.db.View(fn)
}

func (s *Store) update(fn func(*bolt.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.db.Update(fn)
}

func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %w (%s)", s.path, ErrDamaged, panicReason(r))
	}
}

// panicReason words a recovered panic for the error message.
func panicReason(r any) string {
	if _, fault := r.(interface{ Addr() uintptr }); fault {
		return "a page lies past the end of the file; it may be truncated"
	}
	return fmt.Sprint(r)
}

// Check runs bbolt's own consistency check over the whole file.
func (s *Store) Check() error {
	return s.view(func(tx *bolt.Tx) error {
		var errs []error
		for e := range tx.Check() {
			errs = append(errs, e)
		}
		if len(errs) > 0 {
			return fmt.Errorf("%s: %w: %v", s.path, ErrDamaged, errors.Join(errs...))
		}
		return nil
	})
}

func u64(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}

func bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	b := tx.Bucket(name)
	if b == nil {
		return nil, fmt.Errorf("%w: bucket %s missing", ErrDamaged, name)
	}
	return b, nil
}

// addMissingBuckets creates the buckets a file of this schema may lack
// because it was made before they were added. A file that has them all is
// not written to.
func (s *Store) addMissingBuckets() error {
	missing := false
	err := s.view(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			missing = missing || tx.Bucket(name) == nil
		}
		return nil
	})
	if err != nil || !missing {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
}
