package sender

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"

	"crieur/picture"
	"crieur/store"
)

// Pictures are taken into the data file when a post is saved: read here,
// before the store's transaction, with a size limit and a deadline, so
// that a file that hangs never holds a transaction nor the desk.

// TakePicture reads the picture p's image field names, when saving p
// should take one (store.Post.NeedsPicture): the picture's bytes when the
// file is a JPEG or PNG within the limits, else the reason it is not,
// which the checks then report, naming the image. A post whose image
// field was cleared loses its picture; one that needs no picture comes
// back as it is: the picture kept stands, whatever the file on disk now
// holds.
func TakePicture(ctx context.Context, p store.Post) store.Post {
	if strings.TrimSpace(p.Image) == "" && p.Picture != nil {
		p.Picture = nil // the field was cleared: the picture goes with it
		return p
	}
	if !p.NeedsPicture() {
		return p
	}
	from := strings.TrimSpace(p.Image)
	b, info, err := picture.Read(ctx, from)
	pic := &store.Picture{From: from}
	if err != nil {
		pic.Problem = string(picture.ProblemOf(err))
		if pic.Problem == "" {
			pic.Problem = string(picture.Unreadable)
		}
		var pe *picture.Error
		if errors.As(err, &pe) {
			pic.Detail = pe.Detail
		}
	} else {
		sum := sha256.Sum256(b)
		pic.Sum = hex.EncodeToString(sum[:])
		pic.Type, pic.Width, pic.Height, pic.Size, pic.Bytes = info.Type, info.Width, info.Height, len(b), b
	}
	p.Picture = pic
	return p
}

// How the pictures of a file written before they were kept are taken in:
// a few files read at a time, a few posts written per transaction, and no
// more than pendingTimeout in all.
const (
	pendingReaders = 4
	pendingBatch   = 16
	pendingTimeout = 30 * time.Second
)

// Pending is what TakePending did.
type Pending struct {
	Taken   int // posts whose picture is now in the data file
	Refused int // posts whose image is not a picture the desk takes: their checks say why
	Lost    int // validations lost: the picture is not the one validated, or there is none
	Left    int // posts not reached in time, left for the next run
}

// TakePending takes into the data file the pictures its posts still name
// by their path alone, in a file written by a crieur that did not keep
// them (see store.PicturesToTake). It reads nothing once the file is done.
// The store must have been opened with the message rule (Seal), so that a
// validation the picture no longer matches is lost.
func TakePending(ctx context.Context, st *store.Store) (Pending, error) {
	var out Pending
	todo, pending, err := st.PicturesToTake()
	if err != nil || !pending {
		return out, err
	}
	ctx, cancel := context.WithTimeout(ctx, pendingTimeout)
	defer cancel()
	for start := 0; start < len(todo); start += pendingBatch {
		batch := todo[start:min(start+pendingBatch, len(todo))]
		read := readPictures(ctx, batch)
		if ctx.Err() != nil {
			out.Left = len(todo) - start
			kept := read[:0]
			for _, p := range read {
				if p.Picture != nil && p.Picture.Problem != string(picture.Slow) {
					kept = append(kept, p)
				}
			}
			out.Left -= len(kept)
			read = kept
		}
		last := start+pendingBatch >= len(todo) && out.Left == 0
		lost, err := st.TakePictures(read, last)
		if err != nil {
			return out, err
		}
		out.Lost += lost
		for _, p := range read {
			if p.Picture.Bytes != nil {
				out.Taken++
			} else {
				out.Refused++
			}
		}
		if out.Left > 0 {
			return out, nil
		}
	}
	if len(todo) == 0 {
		_, err = st.TakePictures(nil, true)
	}
	return out, err
}

// readPictures reads the pictures of posts, a few at a time.
func readPictures(ctx context.Context, posts []store.Post) []store.Post {
	out := make([]store.Post, len(posts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, pendingReaders)
	for i, p := range posts {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i] = TakePicture(ctx, p)
		}()
	}
	wg.Wait()
	return out
}

// PictureKey names what a preview of p draws for its image: the picture
// kept, or the file its image field names and what was found of it. It
// changes when the picture does.
func PictureKey(p store.Post) string {
	image := strings.TrimSpace(p.Image)
	if image == "" {
		return ""
	}
	if pic := p.PictureFor(); pic != nil {
		return image + "\x00" + pic.Sum + "\x00" + pic.Problem
	}
	return image
}

// PictureToShow is the picture a preview draws for p: the one the data
// file keeps for its image, or, for an image field typed since the post
// was saved, the file it names, read as a save reads it (limited, with a
// deadline, never a device or a FIFO). Nil when there is none to draw.
func PictureToShow(ctx context.Context, st *store.Store, p store.Post) ([]byte, error) {
	if pic := p.PictureFor(); pic.Kept() {
		return st.Picture(pic.Sum)
	}
	image := strings.TrimSpace(p.Image)
	if image == "" {
		return nil, nil
	}
	b, _, err := picture.Read(ctx, image)
	return b, err
}
