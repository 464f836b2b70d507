package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Pictures are kept in their own bucket under the SHA-256 of their bytes:
// a picture saved once is shared by every revision and every post that
// shows it, and a post names it by that sum (Picture.Sum).

// keepPicture stores the bytes a post carries (Picture.Bytes) and names
// them on the post, inside the caller's transaction. A picture the post
// names without carrying it must already be in the file.
func keepPicture(tx *bolt.Tx, p *Post) error {
	if p.Picture == nil {
		return nil
	}
	pic := *p.Picture
	p.Picture = &pic
	if pic.Bytes == nil {
		if pic.Sum == "" {
			return nil
		}
		b, err := bucket(tx, bucketPictures)
		if err != nil {
			return err
		}
		if b.Get([]byte(pic.Sum)) == nil {
			return fmt.Errorf("%w: no picture %s in the file", ErrNotFound, pic.Sum)
		}
		return nil
	}
	sum, err := putPicture(tx, pic.Bytes)
	if err != nil {
		return err
	}
	pic.Sum, pic.Size, pic.Bytes = sum, len(pic.Bytes), nil
	pic.Problem, pic.Detail = "", ""
	*p.Picture = pic
	return nil
}

// putPicture keeps b under its SHA-256, which it returns.
func putPicture(tx *bolt.Tx, b []byte) (string, error) {
	bk, err := bucket(tx, bucketPictures)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	key := hex.EncodeToString(sum[:])
	if bk.Get([]byte(key)) != nil {
		return key, nil
	}
	return key, bk.Put([]byte(key), append([]byte(nil), b...))
}

// Picture reads the bytes of the picture kept under sum (Picture.Sum),
// and checks them against it: what leaves the desk is what was saved.
func (s *Store) Picture(sum string) ([]byte, error) {
	var out []byte
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketPictures)
		if err != nil {
			return err
		}
		v := b.Get([]byte(sum))
		if v == nil {
			return fmt.Errorf("%w: no picture %s in the file", ErrNotFound, sum)
		}
		got := sha256.Sum256(v)
		if hex.EncodeToString(got[:]) != sum {
			return fmt.Errorf("%s: %w: the picture %s does not match its sum", s.path, ErrDamaged, sum)
		}
		out = append([]byte(nil), v...)
		return nil
	})
	return out, err
}

// Pictures from before the desk kept them: a file of schema 1 named a
// post's picture by its path alone, and read it from disk when it
// validated and sent the post. Opening such a file upgrades it; its
// pictures are then taken in by the commands that read files
// (PicturesToTake, then TakePictures), never inside a transaction, and
// the file records when none is left (keyPicturesTaken).

// PicturesToTake lists the posts whose image is still a path alone, in a
// file written before pictures were kept, and says whether the file is
// still to be marked done (TakePictures with done). Once it is, it reads
// no post and returns nothing.
func (s *Store) PicturesToTake() (posts []Post, pending bool, err error) {
	var out []Post
	err = s.view(func(tx *bolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		if meta.Get(keyPicturesTaken) != nil {
			return nil
		}
		pending = true
		posts, err := bucket(tx, bucketPosts)
		if err != nil {
			return err
		}
		return posts.ForEach(func(k, v []byte) error {
			var p Post
			if err := decodeJSON(v, &p); err != nil {
				return fmt.Errorf("post %s: %w", k, err)
			}
			if p.Image != "" && p.Picture == nil {
				out = append(out, p)
			}
			return nil
		})
	})
	return out, pending, err
}

// TakePictures keeps the pictures read for posts listed by PicturesToTake:
// each carries what was read in its Picture (the bytes, or the problem
// found), at the revision it was listed at. A post saved meanwhile is
// left as it is: its save took its picture. Each post taken gets a new
// revision; a validated or planned post whose picture is no longer the one
// it was validated with, or could not be taken, goes back to ready. With done, the file is marked
// as having no picture left to take. It returns how many validations were
// lost.
func (s *Store) TakePictures(posts []Post, done bool) (int, error) {
	lost := 0
	err := s.update(func(tx *bolt.Tx) error {
		lost = 0
		for _, taken := range posts {
			p, err := getPost(tx, taken.ID)
			if err != nil {
				return err
			}
			if p.Rev != taken.Rev || p.Picture != nil || taken.Picture == nil {
				continue
			}
			p.Picture = taken.Picture
			if err := keepPicture(tx, &p); err != nil {
				return err
			}
			before := p.Status
			if err := s.keepValidation(tx, &p, ReasonPicture); err != nil {
				return err
			}
			// No picture could be taken: whatever the seal says, there is
			// nothing to send, and the checks say why.
			if !p.Picture.Kept() && p.Validation != nil {
				if err := s.dropValidation(tx, &p, ReasonPicture); err != nil {
					return err
				}
			}
			if p.Status != before {
				lost++
			}
			if _, err := s.putPost(tx, p, RevPicture, 0); err != nil {
				return err
			}
		}
		if !done {
			return nil
		}
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(keyPicturesTaken, []byte{1})
	})
	return lost, err
}
