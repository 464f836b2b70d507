// Package wcag measures the contrast between two colours as the Web
// Content Accessibility Guidelines define it, so that tests can hold every
// text colour of the desk to it.
package wcag

import (
	"image/color"
	"math"
)

// AA is the least contrast WCAG 2 level AA asks of body text.
const AA = 4.5

// Contrast is the contrast ratio of two colours, from 1 (the same) to 21
// (black on white).
func Contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the relative luminance of an sRGB colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	linear := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*linear(r) + 0.7152*linear(g) + 0.0722*linear(b)
}
