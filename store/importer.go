package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
)

// An import of many posts is all or nothing, but not one transaction: a
// bbolt transaction keeps every page it writes in memory until it
// commits, and 100,000 posts with their revisions are hundreds of
// megabytes. The Importer writes them in batches of a few thousand, and
// notes in the importing bucket every post and picture each batch adds.
// Commit empties that bucket in one small transaction; until then, an
// import cut short (an error, a kill, a crash) is taken back: by Abort,
// or by the next Open of the file, before anything reads it. The file is
// only ever open in one crieur, so nothing sees an import half done.

// Keys of the importing bucket: a post's id or a picture's sum, after a
// byte saying which.
const (
	importingPost    byte = 'p'
	importingPicture byte = 'i'
)

// Batch limits of an Importer: posts, and bytes of pictures.
const (
	importBatchPosts    = 2000
	importBatchPictures = 16 << 20
)

// Importer adds posts in batches of transactions, all or nothing (see
// above). Posts get new ids in the order of their creation dates, as with
// Import. An Importer is used by one goroutine.
type Importer struct {
	s        *Store
	kind     string
	entropy  io.Reader
	pending  []Post
	pictures int // bytes of pictures pending
	added    int
	done     bool
}

// NewImporter starts an import; nothing is written until a batch is full
// or Commit.
func (s *Store) NewImporter(kind string) *Importer {
	return &Importer{s: s, kind: kind, entropy: ulid.Monotonic(rand.Reader, 0)}
}

// Add queues one post, writing a batch when there are enough.
func (im *Importer) Add(p Post) error {
	if im.done {
		return fmt.Errorf("import: already committed or aborted")
	}
	im.pending = append(im.pending, p)
	if p.Picture != nil {
		im.pictures += len(p.Picture.Bytes)
	}
	if len(im.pending) >= importBatchPosts || im.pictures >= importBatchPictures {
		return im.flush()
	}
	return nil
}

func (im *Importer) flush() error {
	if len(im.pending) == 0 {
		return nil
	}
	err := im.s.update(func(tx *bolt.Tx) error {
		importing, err := bucket(tx, bucketImporting)
		if err != nil {
			return err
		}
		pictures, err := bucket(tx, bucketPictures)
		if err != nil {
			return err
		}
		for _, p := range im.pending {
			// A picture new to the file goes with the import if it is
			// taken back; one kept before belongs to other posts too.
			if p.Picture != nil && p.Picture.Bytes != nil {
				sum := sha256.Sum256(p.Picture.Bytes)
				key := hex.EncodeToString(sum[:])
				if pictures.Get([]byte(key)) == nil {
					if err := importing.Put(append([]byte{importingPicture}, key...), nil); err != nil {
						return err
					}
				}
				if _, err := putPicture(tx, p.Picture.Bytes); err != nil {
					return err
				}
				pic := *p.Picture
				pic.Sum, pic.Size, pic.Bytes, pic.Problem, pic.Detail = key, len(p.Picture.Bytes), nil, "", ""
				p.Picture = &pic
			}
			saved, err := im.s.putImported(tx, p, im.kind, im.entropy)
			if err != nil {
				return err
			}
			if err := importing.Put(append([]byte{importingPost}, saved.ID...), nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	im.added += len(im.pending)
	clear(im.pending)
	im.pending, im.pictures = im.pending[:0], 0
	return nil
}

// Commit writes what is left and makes the import final. It returns how
// many posts were imported.
func (im *Importer) Commit() (int, error) {
	if im.done {
		return 0, fmt.Errorf("import: already committed or aborted")
	}
	if err := im.flush(); err != nil {
		im.Abort()
		return 0, err
	}
	err := im.s.update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketImporting); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketImporting)
		return err
	})
	if err != nil {
		im.Abort()
		return 0, err
	}
	im.done = true
	return im.added, nil
}

// Abort takes back every batch already written: the file holds what it
// held before the import.
func (im *Importer) Abort() error {
	im.done = true
	im.pending = nil
	return im.s.takeBackImport()
}

// takeBackImport removes what an unfinished import wrote, in batches of
// transactions; a crash in the middle leaves the rest for the next Open.
func (s *Store) takeBackImport() error {
	// Nothing written, nothing to write: a refused import leaves the
	// file's bytes as they were.
	if unfinished, err := s.unfinishedImport(); err != nil || !unfinished {
		return err
	}
	for {
		more := false
		err := s.update(func(tx *bolt.Tx) error {
			importing, err := bucket(tx, bucketImporting)
			if err != nil {
				return err
			}
			pictures, err := bucket(tx, bucketPictures)
			if err != nil {
				return err
			}
			var keys [][]byte
			c := importing.Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				if len(keys) == importBatchPosts {
					more = true
					break
				}
				keys = append(keys, append([]byte(nil), k...))
			}
			for _, k := range keys {
				switch {
				case len(k) > 1 && k[0] == importingPost:
					if err := unindexPost(tx, k[1:]); err != nil {
						return err
					}
					if err := deletePost(tx, k[1:]); err != nil {
						return err
					}
				case len(k) > 1 && k[0] == importingPicture:
					if err := pictures.Delete(k[1:]); err != nil {
						return err
					}
				}
				if err := importing.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || !more {
			return err
		}
	}
}

// unfinishedImport reports whether an import was cut short.
func (s *Store) unfinishedImport() (bool, error) {
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketImporting); b != nil {
			k, _ := b.Cursor().First()
			found = k != nil
		}
		return nil
	})
	return found, err
}

// unindexPost takes a post's entries out of the link index, inside the
// caller's transaction, before the post goes.
func unindexPost(tx *bolt.Tx, id []byte) error {
	links := tx.Bucket(bucketLinks)
	if links == nil {
		return nil
	}
	p, err := getPost(tx, string(id))
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, k := range indexKeys(p) {
		if err := links.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
