package phone

import (
	"errors"
	"fmt"
	"image"
	"strconv"
	"strings"

	"crieur/picture"
)

// MaxImageRows is the tallest an image is drawn, in rows: a portrait photo
// is scaled down (and centred) rather than pushing the text off the screen.
const MaxImageRows = 12

// decodeBound is what decoding a picture to draw it may cost: any picture
// the desk takes (picture.MaxPixels) as a JPEG; a PNG of four or eight
// bytes a pixel is drawn up to 40 or 20 megapixels, and a larger one as a
// placeholder. The header is read first: nothing larger is decoded.
var decodeBound = picture.Bound{Pixels: picture.MaxPixels, Bytes: 160 << 20}

// samplesPerSide bounds how many source pixels are averaged per drawn
// pixel along each side, so that a large photo costs the same as a small one.
const samplesPerSide = 6

// ImageBlock draws a JPEG or PNG picture as rows of upper half blocks
// "▀": each cell shows two pixels, the top one as the foreground colour and
// the bottom one as the background, in 24-bit colour. A terminal cell is
// about twice as tall as it is wide, so a cell is one pixel wide and two
// high and the image keeps its aspect ratio. It is width cells wide, or
// narrower when it would be taller than MaxImageRows rows.
//
// The picture is the bytes the desk keeps in its data file, never a file
// read here. The rows hold only "▀" and colour sequences written here: no
// byte of the picture reaches the terminal. Transparent pixels are shown
// over white. EXIF orientation is not applied.
//
// Decoding costs far more than drawing: callers decode once per image and
// width (ImageWidth gives the width), keep the rows and pass them to Render
// in Options.ImageRows. When this fails, Render draws a placeholder with the
// alt text instead.
func ImageBlock(data []byte, width int) ([]string, error) {
	if width < 1 {
		return nil, errors.New("image width must be at least one cell")
	}
	img, err := picture.Decode(data, decodeBound)
	if err != nil {
		return nil, fmt.Errorf("draw the picture: %w", err)
	}
	return halfBlocks(img, width), nil
}

// halfBlocks scales img to at most width pixels wide and 2*MaxImageRows
// high, keeping its aspect ratio, and draws it two pixels to a cell.
func halfBlocks(img image.Image, width int) []string {
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	if sw < 1 || sh < 1 {
		return nil
	}
	tw := width
	th := (sh*tw + sw/2) / sw
	if th > 2*MaxImageRows {
		th = 2 * MaxImageRows
		tw = max(1, (sw*th+sh/2)/sh)
	}
	th = max(2, th+th%2) // whole cells

	pixel := func(x, y int) [3]uint32 {
		x0, x1 := b.Min.X+x*sw/tw, b.Min.X+max((x+1)*sw/tw, x*sw/tw+1)
		y0, y1 := b.Min.Y+y*sh/th, b.Min.Y+max((y+1)*sh/th, y*sh/th+1)
		sx, sy := max(1, (x1-x0)/samplesPerSide), max(1, (y1-y0)/samplesPerSide)
		var sum [3]uint32
		n := uint32(0)
		for py := y0; py < y1; py += sy {
			for px := x0; px < x1; px += sx {
				r, g, bl, a := img.At(px, py).RGBA() // premultiplied, 16 bits
				sum[0] += (r + 0xffff - a) >> 8
				sum[1] += (g + 0xffff - a) >> 8
				sum[2] += (bl + 0xffff - a) >> 8
				n++
			}
		}
		return [3]uint32{sum[0] / n, sum[1] / n, sum[2] / n}
	}

	rows := make([]string, 0, th/2)
	buf := make([]byte, 0, tw*40)
	for y := 0; y < th; y += 2 {
		buf = buf[:0]
		var last [2][3]uint32
		for x := range tw {
			top, bottom := pixel(x, y), pixel(x, y+1)
			if x == 0 || last != [2][3]uint32{top, bottom} {
				buf = append(buf, "\x1b[38;2;"...)
				buf = appendRGB(buf, top)
				buf = append(buf, ";48;2;"...)
				buf = appendRGB(buf, bottom)
				buf = append(buf, 'm')
				last = [2][3]uint32{top, bottom}
			}
			buf = append(buf, "▀"...)
		}
		buf = append(buf, "\x1b[m"...)
		rows = append(rows, string(buf))
	}
	return rows
}

func appendRGB(buf []byte, c [3]uint32) []byte {
	buf = strconv.AppendUint(buf, uint64(min(c[0], 255)), 10)
	buf = append(buf, ';')
	buf = strconv.AppendUint(buf, uint64(min(c[1], 255)), 10)
	buf = append(buf, ';')
	return strconv.AppendUint(buf, uint64(min(c[2], 255)), 10)
}

// halfBlockRows says whether rows hold only what halfBlocks writes: colour
// sequences and "▀". Render checks it, so that rows from anywhere else can
// never carry another sequence to the terminal.
func halfBlockRows(rows []string) bool {
	for _, r := range rows {
		for i := 0; i < len(r); {
			switch {
			case strings.HasPrefix(r[i:], "▀"):
				i += len("▀")
			case strings.HasPrefix(r[i:], "\x1b["):
				i += 2
				for i < len(r) && (r[i] >= '0' && r[i] <= '9' || r[i] == ';') {
					i++
				}
				if i == len(r) || r[i] != 'm' {
					return false
				}
				i++
			default:
				return false
			}
		}
	}
	return true
}
