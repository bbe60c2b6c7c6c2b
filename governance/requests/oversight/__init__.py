"""督办 supervision and 回访 callbacks: the street's oversight of a request and the community's call to its resident."""
