//go:build !unix

package picture

import "os"

func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
