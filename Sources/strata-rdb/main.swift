import RDBTool

StrataRDB.main()
