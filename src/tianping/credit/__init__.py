"""Credit discipline (信用惩戒): the dishonest-debtor list and consumption restrictions."""
