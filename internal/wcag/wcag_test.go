package wcag

import (
	"image/color"
	"math"
	"testing"
)

func TestContrast(t *testing.T) {
	black, white := color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}
	grey := color.RGBA{0x76, 0x76, 0x76, 255} // the lightest grey that passes AA on white
	for _, tt := range []struct {
		a, b color.Color
		want float64
	}{
		{black, white, 21}, {white, black, 21}, {white, white, 1}, {grey, white, 4.54},
	} {
		if got := Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%v, %v) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}
