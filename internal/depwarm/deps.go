package depwarm
import (
 _ "github.com/markusmobius/go-trafilatura"
 _ "github.com/mmcdole/gofeed"
 _ "github.com/neurosnap/sentences"
 _ "github.com/clipperhouse/uax29/v2/words"
 _ "golang.org/x/text/unicode/norm"
 _ "github.com/cespare/xxhash/v2"
 _ "modernc.org/sqlite"
 _ "github.com/spf13/cobra"
 _ "github.com/schollz/progressbar/v3"
)

