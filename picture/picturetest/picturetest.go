// Package picturetest makes the pictures the tests of every package use:
// real JPEGs and PNGs, and headers that announce more pixels than their
// few bytes hold, as a hostile page would serve.
package picturetest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// JPEG is a w×h JPEG of a gradient.
func JPEG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, gradient(w, h), &jpeg.Options{Quality: 80}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// PNG is a w×h PNG of a gradient.
func PNG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, gradient(w, h)); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func gradient(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / max(1, w)), uint8(y * 255 / max(1, h)), 128, 255})
		}
	}
	return img
}

// PNGHeader is a PNG that announces w×h pixels of 8-bit RGBA in a few
// dozen bytes, with nothing to decode behind its header: what a hostile
// page serves as its image.
func PNGHeader(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk := func(kind string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(kind))
		crc.Write(data)
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

// JPEGHeader is a small JPEG whose frame header says w×h: the baseline
// header of an 8×8 JPEG with its size rewritten.
func JPEGHeader(tb testing.TB, w, h int) []byte {
	tb.Helper()
	b := JPEG(tb, 8, 8)
	for i := 2; i+8 < len(b); {
		if b[i] != 0xff {
			tb.Fatal("JPEGHeader: no marker")
		}
		marker, size := b[i+1], int(binary.BigEndian.Uint16(b[i+2:]))
		if marker == 0xc0 { // SOF0: length, precision, height, width
			binary.BigEndian.PutUint16(b[i+5:], uint16(h))
			binary.BigEndian.PutUint16(b[i+7:], uint16(w))
			return b
		}
		i += 2 + size
	}
	tb.Fatal("JPEGHeader: no frame header")
	return nil
}
