// Package picture says whether some bytes, or a file, hold a picture the
// desk may send: a JPEG or a PNG, known by its bytes and never by its
// name, within WhatsApp's 5 MB and 50 megapixels. Its size in pixels is
// read from the header before anything is decoded, and a decode is
// refused when the pixels it would hold pass a bound, so that a small
// file announcing a huge picture costs nothing.
//
// Read takes a picture from a file without ever blocking its caller: it
// refuses what is not a regular file (a folder, a device such as
// /dev/zero, a FIFO, a socket) before reading, reads at most MaxBytes,
// and gives up after a deadline on a file that does not answer (a hung
// network mount).
package picture

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// The limits of a post's picture.
const (
	// MaxBytes is WhatsApp's own limit for an image.
	MaxBytes = 5 << 20
	// MaxPixels is the most pixels a picture may have: more than any
	// camera of a town hall makes, and a bound on what drawing it costs.
	MaxPixels = 50_000_000
)

// The types of picture the desk takes.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
)

// Info is what a picture's header says of it.
type Info struct {
	Type          string // JPEG or PNG
	Width, Height int
}

// Problem names why bytes or a file are not a picture the desk takes.
// The desk turns each into a sentence in its language.
type Problem string

// The problems.
const (
	Missing    Problem = "missing"    // no file at that path
	NotFile    Problem = "not-file"   // a folder, a device, a FIFO, a socket
	Unreadable Problem = "unreadable" // no permission, an input/output error
	Slow       Problem = "slow"       // the file did not answer in time
	TooLarge   Problem = "too-large"  // more than MaxBytes
	NotPicture Problem = "format"     // neither a JPEG nor a PNG
	Damaged    Problem = "damaged"    // the signature of one, but no header to read
	TooBig     Problem = "pixels"     // more than MaxPixels
)

// Error is a picture refused, with its problem.
type Error struct {
	Problem Problem
	Detail  string // what was found: the size, the pixels, the cause
}

func (e *Error) Error() string {
	what := map[Problem]string{
		Missing:    "no such file",
		NotFile:    "not a regular file",
		Unreadable: "cannot be read",
		Slow:       "the file did not answer in time",
		TooLarge:   "larger than 5 MB",
		NotPicture: "neither a JPEG nor a PNG",
		Damaged:    "a damaged picture",
		TooBig:     "more than 50 megapixels",
	}[e.Problem]
	if what == "" {
		what = string(e.Problem)
	}
	if e.Detail != "" {
		return what + " (" + e.Detail + ")"
	}
	return what
}

// ProblemOf is the problem err names, or "" when it is not an *Error.
func ProblemOf(err error) Problem {
	var pe *Error
	if errors.As(err, &pe) {
		return pe.Problem
	}
	return ""
}

func refuse(p Problem, format string, a ...any) *Error {
	return &Error{Problem: p, Detail: fmt.Sprintf(format, a...)}
}

// TypeOf names the picture type of b from its first bytes, or "".
func TypeOf(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	}
	return ""
}

// Sniff checks that b is a picture the desk takes, from its signature
// and its header alone: nothing is decoded.
func Sniff(b []byte) (Info, error) {
	if len(b) > MaxBytes {
		return Info{}, refuse(TooLarge, "%d bytes", len(b))
	}
	info, err := header(b)
	if err != nil {
		return Info{}, err
	}
	if int64(info.Width)*int64(info.Height) > MaxPixels {
		return Info{}, refuse(TooBig, "%d×%d", info.Width, info.Height)
	}
	return info, nil
}

// header reads the type and the size in pixels of a JPEG or PNG.
func header(b []byte) (Info, error) {
	if len(b) == 0 {
		return Info{}, refuse(NotPicture, "empty")
	}
	typ, cfg, err := config(b)
	if err != nil {
		return Info{}, err
	}
	return Info{Type: typ, Width: cfg.Width, Height: cfg.Height}, nil
}

// config reads the type of a JPEG or PNG, and from its header its size in
// pixels (at least one by one) and its colour model.
func config(b []byte) (string, image.Config, error) {
	typ := TypeOf(b)
	var cfg image.Config
	var err error
	switch typ {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
	case PNG:
		cfg, err = png.DecodeConfig(bytes.NewReader(b))
	default:
		return typ, cfg, &Error{Problem: NotPicture}
	}
	if err != nil {
		return typ, cfg, refuse(Damaged, "%v", err)
	}
	if cfg.Width < 1 || cfg.Height < 1 {
		return typ, cfg, refuse(Damaged, "%d×%d", cfg.Width, cfg.Height)
	}
	return typ, cfg, nil
}

// Bound is what a decode may cost: pixels, and bytes of decoded image.
type Bound struct {
	Pixels int64
	Bytes  int64
}

// Decode decodes a JPEG or PNG whose header promises no more than bound
// allows; anything larger is refused before a byte of it is decoded.
func Decode(b []byte, bound Bound) (image.Image, error) {
	typ, cfg, err := config(b)
	if err != nil {
		return nil, err
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	if pixels > bound.Pixels || pixels*bytesPerPixel(cfg.ColorModel) > bound.Bytes {
		return nil, refuse(TooBig, "%d×%d", cfg.Width, cfg.Height)
	}
	var img image.Image
	if typ == JPEG {
		img, err = jpeg.Decode(bytes.NewReader(b))
	} else {
		img, err = png.Decode(bytes.NewReader(b))
	}
	if err != nil {
		return nil, refuse(Damaged, "%v", err)
	}
	return img, nil
}

// bytesPerPixel is what one pixel of a decoded image of that colour
// model takes, at most: a JPEG's YCbCr is counted without subsampling.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4 // RGBA, NRGBA, CMYK
}
