// Parser of sqlc's SQL dialect: Flink SQL plus ksqlDB's CREATE STREAM and EMIT.
// Layout follows Trino's SqlBase.g4: every alternative labeled, children named, precedence
// by rule layers (expression -> booleanExpression -> predicate -> valueExpression -> primary).
parser grammar SqlParser;

options { tokenVocab = SqlLexer; }

// ---- Entry points ----------------------------------------------------------------------
script
    : SEMICOLON* (statement (SEMICOLON+ statement)* SEMICOLON*)? EOF
    ;

singleStatement
    : statement SEMICOLON* EOF
    ;

standaloneExpression
    : expression EOF
    ;

standaloneType
    : dataType EOF
    ;

// ---- Statements ------------------------------------------------------------------------
statement
    : query                                                                      #queryStatement
    | CREATE (OR REPLACE)? TEMPORARY? kind=(STREAM | TABLE)
        (IF NOT EXISTS)? name=qualifiedName
        (LEFT_PAREN tableElement (COMMA tableElement)* RIGHT_PAREN)?
        (COMMENT comment=STRING)?
        (PARTITIONED BY partitionColumns=identifierList)?
        (WITH properties)?
        (AS asQuery=query)?                                                      #createSource
    | CREATE (OR REPLACE)? TEMPORARY? VIEW (IF NOT EXISTS)? name=qualifiedName
        columns=identifierList? (COMMENT comment=STRING)? AS viewQuery=query    #createView
    | CREATE (OR REPLACE)? TEMPORARY? system=IDENTIFIER? FUNCTION (IF NOT EXISTS)?
        name=qualifiedName AS className=STRING (LANGUAGE language=identifier)?  #createFunction
    | DROP TEMPORARY? object=(STREAM | TABLE | VIEW | FUNCTION) (IF EXISTS)?
        name=qualifiedName CASCADE?                                              #drop
    | SHOW what=(STREAMS | TABLES | VIEWS | FUNCTIONS | QUERIES | CATALOGS | DATABASES)
        (LIKE pattern=STRING)?                                                   #show
    | (DESCRIBE | DESC) EXTENDED? name=qualifiedName                             #describe
    | EXPLAIN (explainDetail (COMMA explainDetail)*)? explainable                #explain
    | insertStatement                                                            #insert
    | EXECUTE STATEMENT SET BEGIN (insertStatement SEMICOLON+)* END              #executeStatementSet
    | BEGIN STATEMENT SET SEMICOLON+ (insertStatement SEMICOLON+)* END           #beginStatementSet
    | USE CATALOG? name=qualifiedName                                            #use
    | SET (key=propertyKey EQ value=propertyValue)?                              #set
    ;

explainDetail
    : PLAN FOR                                                                   #explainPlanFor
    | identifier                                                                 #explainDetailWord
    ;

explainable
    : query                                                                      #explainQuery
    | insertStatement                                                            #explainInsert
    ;

insertStatement
    : INSERT (INTO | OVERWRITE) target=qualifiedName columns=identifierList? query
    ;

tableElement
    : WATERMARK FOR column=identifier AS expression                              #watermarkDefinition
    | (CONSTRAINT constraintName=identifier)? PRIMARY KEY columns=identifierList
        (NOT ENFORCED)?                                                          #primaryKeyConstraint
    | name=identifier AS expression (COMMENT comment=STRING)?                    #computedColumn
    | name=identifier dataType METADATA (FROM key=STRING)? VIRTUAL?
        (COMMENT comment=STRING)?                                                #metadataColumn
    | name=identifier dataType columnConstraint? (COMMENT comment=STRING)?      #physicalColumn
    ;

columnConstraint
    : (CONSTRAINT constraintName=identifier)? PRIMARY KEY (NOT ENFORCED)?
    ;

properties
    : LEFT_PAREN property (COMMA property)* RIGHT_PAREN
    ;

property
    : key=propertyKey EQ value=propertyValue
    ;

propertyKey
    : STRING                                                                     #stringPropertyKey
    | qualifiedName                                                              #namePropertyKey
    ;

propertyValue
    : STRING                                                                     #stringPropertyValue
    | MINUS? number                                                              #numberPropertyValue
    | (TRUE | FALSE)                                                             #booleanPropertyValue
    | identifier                                                                 #identifierPropertyValue
    ;

identifierList
    : LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN
    ;

// ---- Queries ---------------------------------------------------------------------------
query
    : with? queryNoWith
    ;

with
    : WITH namedQuery (COMMA namedQuery)*
    ;

namedQuery
    : name=identifier columns=identifierList? AS LEFT_PAREN query RIGHT_PAREN
    ;

queryNoWith
    : queryTerm
      (ORDER BY sortItem (COMMA sortItem)*)?
      (LIMIT limit=limitValue)?
      (OFFSET offset=limitValue (ROW | ROWS)?)?
      emitClause?
    ;

limitValue
    : INTEGER_VALUE                                                              #integerLimit
    | ALL                                                                        #allLimit
    ;

emitClause
    : EMIT CHANGES                                                               #emitChanges
    | EMIT AFTER WATERMARK (WITH DELAY delay=expression)?                         #emitAfterWatermark
    | EMIT FINAL                                                                 #emitFinal
    ;

queryTerm
    : queryPrimary                                                               #queryTermDefault
    | left=queryTerm op=INTERSECT setQuantifier? right=queryTerm           #setOperation
    | left=queryTerm op=(UNION | EXCEPT) setQuantifier? right=queryTerm    #setOperation
    ;

queryPrimary
    : querySpecification                                                         #queryPrimaryDefault
    | LEFT_PAREN query RIGHT_PAREN                                               #parenthesizedQuery
    ;

querySpecification
    : SELECT setQuantifier? selectItem (COMMA selectItem)*
      (FROM relation (COMMA relation)*)?
      (WHERE where=booleanExpression)?
      (GROUP BY groupingElement (COMMA groupingElement)*)?
      (HAVING having=booleanExpression)?
      (WINDOW windowDefinition (COMMA windowDefinition)*)?
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

selectItem
    : qualifiedName DOT ASTERISK                                                 #selectAll
    | ASTERISK                                                                   #selectStar
    | expression (AS? alias=identifier)?                                         #selectSingle
    ;

groupingElement
    : GROUPING SETS LEFT_PAREN groupingSet (COMMA groupingSet)* RIGHT_PAREN      #groupingSets
    | ROLLUP LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN            #rollup
    | CUBE LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN              #cube
    | LEFT_PAREN RIGHT_PAREN                                                     #emptyGroupingSet
    | expression                                                                 #singleGroupingSet
    ;

groupingSet
    : LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN                   #multipleGroupingSet
    | expression                                                                 #simpleGroupingSet
    ;

windowDefinition
    : name=identifier AS windowSpecification
    ;

sortItem
    : expression ordering=(ASC | DESC)? (NULLS nullOrdering=(FIRST | LAST))?
    ;

// ---- Relations -------------------------------------------------------------------------
relation
    : left=relation CROSS JOIN right=aliasedRelation                             #crossJoin
    | left=relation joinType JOIN right=aliasedRelation joinCriteria             #joinRelation
    | aliasedRelation                                                            #relationDefault
    ;

joinType
    : INNER?                                                                     #innerJoin
    | LEFT OUTER?                                                                #leftJoin
    | RIGHT OUTER?                                                               #rightJoin
    | FULL OUTER?                                                                #fullJoin
    ;

joinCriteria
    : ON condition=booleanExpression                                             #joinOn
    | USING identifierList                                                       #joinUsing
    ;

aliasedRelation
    : relationPrimary matchRecognize? (AS? alias=identifier columns=identifierList?)?
    ;

relationPrimary
    : name=qualifiedName (FOR SYSTEM_TIME AS OF asOf=valueExpression)?           #tableName
    | LEFT_PAREN query RIGHT_PAREN                                               #subqueryRelation
    | TABLE LEFT_PAREN tableFunctionCall RIGHT_PAREN                             #tableFunction
    | LATERAL TABLE LEFT_PAREN functionName LEFT_PAREN
        (expression (COMMA expression)*)? RIGHT_PAREN RIGHT_PAREN                #lateralTable
    | LATERAL LEFT_PAREN query RIGHT_PAREN                                       #lateralSubquery
    | UNNEST LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN
        (WITH ORDINALITY)?                                                       #unnest
    | LEFT_PAREN relation RIGHT_PAREN                                            #parenthesizedRelation
    ;

tableFunctionCall
    : functionName LEFT_PAREN (tableArgument (COMMA tableArgument)*)? RIGHT_PAREN
    ;

tableArgument
    : (argName=tableArgumentName ARROW)? tableArgumentValue
    ;

tableArgumentName
    : identifier                                                                 #namedArgument
    | OFFSET                                                                     #offsetArgument
    ;

tableArgumentValue
    : TABLE name=qualifiedName (PARTITION BY partitionKeys=partitionKeyList)?    #tableReferenceArgument
    | LEFT_PAREN query RIGHT_PAREN (PARTITION BY partitionKeys=partitionKeyList)? #subqueryArgument
    | DESCRIPTOR LEFT_PAREN column=identifier RIGHT_PAREN                        #descriptorArgument
    | expression                                                                 #expressionArgument
    ;

partitionKeyList
    : identifier (COMMA identifier)*                                             #bareKeyList
    | identifierList                                                             #parenthesizedKeyList
    ;

// ---- MATCH_RECOGNIZE (parsed fully, represented as an UnsupportedRelation) -------------
matchRecognize
    : MATCH_RECOGNIZE LEFT_PAREN
        (PARTITION BY expression (COMMA expression)*)?
        (ORDER BY sortItem (COMMA sortItem)*)?
        (MEASURES measureDefinition (COMMA measureDefinition)*)?
        rowsPerMatch?
        (AFTER MATCH skipTo)?
        PATTERN LEFT_PAREN rowPattern RIGHT_PAREN
        (WITHIN within=expression)?
        DEFINE variableDefinition (COMMA variableDefinition)*
      RIGHT_PAREN
    ;

measureDefinition
    : expression AS name=identifier
    ;

rowsPerMatch
    : ONE ROW PER MATCH                                                          #oneRowPerMatch
    | ALL ROWS PER MATCH                                                         #allRowsPerMatch
    ;

skipTo
    : SKIP_ TO NEXT ROW                                                          #skipToNextRow
    | SKIP_ PAST LAST ROW                                                        #skipPastLastRow
    | SKIP_ TO FIRST identifier                                                  #skipToFirst
    | SKIP_ TO LAST identifier                                                   #skipToLast
    | SKIP_ TO identifier                                                        #skipToVariable
    ;

rowPattern
    : patternPrimary patternQuantifier?                                          #quantifiedPrimary
    | left=rowPattern right=rowPattern                                           #patternConcatenation
    | left=rowPattern PIPE right=rowPattern                                      #patternAlternation
    ;

patternPrimary
    : identifier                                                                 #patternVariable
    | LEFT_PAREN RIGHT_PAREN                                                     #emptyPattern
    | LEFT_PAREN rowPattern RIGHT_PAREN                                          #groupedPattern
    ;

patternQuantifier
    : ASTERISK reluctant=QUESTION?                                               #zeroOrMoreQuantifier
    | PLUS reluctant=QUESTION?                                                   #oneOrMoreQuantifier
    | QUESTION reluctant=QUESTION?                                               #zeroOrOneQuantifier
    | LEFT_BRACE exactly=INTEGER_VALUE RIGHT_BRACE reluctant=QUESTION?           #exactQuantifier
    | LEFT_BRACE atLeast=INTEGER_VALUE? COMMA atMost=INTEGER_VALUE? RIGHT_BRACE
        reluctant=QUESTION?                                                      #rangeQuantifier
    ;

variableDefinition
    : name=identifier AS condition=expression
    ;

// ---- Expressions -----------------------------------------------------------------------
expression
    : booleanExpression
    ;

booleanExpression
    : valueExpression predicate*                                                 #predicated
    | NOT booleanExpression                                                      #logicalNot
    | left=booleanExpression op=AND right=booleanExpression                #logicalAnd
    | left=booleanExpression op=OR right=booleanExpression                 #logicalOr
    ;

predicate
    : comparisonOperator right=valueExpression                                   #comparison
    | NOT? BETWEEN SYMMETRIC? lower=valueExpression AND upper=valueExpression    #between
    | NOT? IN LEFT_PAREN query RIGHT_PAREN                                       #inSubquery
    | NOT? IN LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN              #inList
    | NOT? LIKE pattern=valueExpression (ESCAPE escape=valueExpression)?         #like
    | NOT? SIMILAR TO pattern=valueExpression (ESCAPE escape=valueExpression)?   #similarTo
    | IS NOT? NULL_                                                               #nullPredicate
    | IS NOT? truth=(TRUE | FALSE | UNKNOWN)                                     #truthPredicate
    | IS NOT? DISTINCT FROM right=valueExpression                                #distinctFrom
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

valueExpression
    : primaryExpression                                                          #valueDefault
    | op=(MINUS | PLUS) operand=valueExpression                            #arithmeticUnary
    | left=valueExpression op=(ASTERISK | SLASH | PERCENT)
        right=valueExpression                                                    #multiplicative
    | left=valueExpression op=(PLUS | MINUS) right=valueExpression         #additive
    | left=valueExpression op=CONCAT right=valueExpression                 #concatenation
    ;

primaryExpression
    : NULL_                                                                       #nullLiteral
    | value=(TRUE | FALSE)                                                       #booleanLiteral
    | number                                                                     #numericLiteral
    | STRING                                                                     #stringLiteral
    | BINARY_STRING                                                              #binaryLiteral
    | INTERVAL sign=(MINUS | PLUS)? value=intervalValue from=intervalUnit
        (TO to=intervalUnit)?                                                    #intervalLiteral
    | kind=(TIMESTAMP | DATE | TIME) value=STRING                                #typedLiteral
    | name=(CURRENT_TIMESTAMP | CURRENT_DATE | CURRENT_TIME | LOCALTIMESTAMP
        | LOCALTIME | CURRENT_ROW_TIMESTAMP) (LEFT_PAREN RIGHT_PAREN)?           #specialDateTime
    | CASE operand=expression whenClause+ (ELSE elseResult=expression)? END      #simpleCase
    | CASE whenClause+ (ELSE elseResult=expression)? END                         #searchedCase
    | castOp=(CAST | TRY_CAST) LEFT_PAREN operand=expression AS dataType
        RIGHT_PAREN                                                              #cast
    | EXTRACT LEFT_PAREN unit=identifier FROM operand=valueExpression
        RIGHT_PAREN                                                              #extract
    | TRIM LEFT_PAREN side=(BOTH | LEADING | TRAILING)? characters=valueExpression?
        FROM operand=valueExpression RIGHT_PAREN                                 #trimFrom
    | POSITION LEFT_PAREN needle=valueExpression IN haystack=valueExpression
        RIGHT_PAREN                                                              #positionIn
    | SUBSTRING LEFT_PAREN operand=valueExpression FROM start=valueExpression
        (FOR length=valueExpression)? RIGHT_PAREN                                #substringFrom
    | OVERLAY LEFT_PAREN operand=valueExpression PLACING replacement=valueExpression
        FROM start=valueExpression (FOR length=valueExpression)? RIGHT_PAREN     #overlay
    | name=(FLOOR | CEIL | CEILING) LEFT_PAREN operand=valueExpression
        TO unit=identifier RIGHT_PAREN                                           #floorCeilTo
    | ARRAY LEFT_BRACKET (expression (COMMA expression)*)? RIGHT_BRACKET         #arrayConstructor
    | MAP LEFT_BRACKET (expression (COMMA expression)*)? RIGHT_BRACKET           #mapConstructor
    | EXISTS LEFT_PAREN query RIGHT_PAREN                                        #exists
    | LEFT_PAREN query RIGHT_PAREN                                               #subqueryExpression
    | functionName LEFT_PAREN (ASTERISK | setQuantifier? expression
        (COMMA expression)*)? RIGHT_PAREN
        (WITHIN GROUP LEFT_PAREN ORDER BY sortItem (COMMA sortItem)* RIGHT_PAREN)?
        (FILTER LEFT_PAREN WHERE filter=booleanExpression RIGHT_PAREN)?
        (OVER over)?                                                             #functionCall
    | identifier                                                                 #columnReference
    | base=primaryExpression DOT fieldName=identifier                            #dereference
    | value=primaryExpression LEFT_BRACKET index=valueExpression RIGHT_BRACKET   #subscript
    | LEFT_PAREN expression RIGHT_PAREN                                          #parenthesizedExpression
    ;

functionName
    : qualifiedName                                                              #qualifiedFunctionName
    | keyword=(LEFT | RIGHT | INSERT)                                            #keywordFunctionName
    ;

intervalValue
    : STRING                                                                     #stringIntervalValue
    | INTEGER_VALUE                                                              #integerIntervalValue
    ;

intervalUnit
    : YEAR | YEARS | MONTH | MONTHS | WEEK | DAY | DAYS | HOUR | HOURS
    | MINUTE | MINUTES | SECOND | SECONDS
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

over
    : windowName=identifier                                                      #namedWindowReference
    | windowSpecification                                                        #inlineWindow
    ;

windowSpecification
    : LEFT_PAREN
        (PARTITION BY partition+=expression (COMMA partition+=expression)*)?
        (ORDER BY sortItem (COMMA sortItem)*)?
        windowFrame?
      RIGHT_PAREN
    ;

windowFrame
    : frameType=(ROWS | RANGE) startBound=frameBound                                  #singleBoundFrame
    | frameType=(ROWS | RANGE) BETWEEN startBound=frameBound AND endBound=frameBound       #betweenFrame
    ;

frameBound
    : UNBOUNDED boundType=(PRECEDING | FOLLOWING)                                #unboundedFrame
    | CURRENT ROW                                                                #currentRowBound
    | offset=valueExpression boundType=(PRECEDING | FOLLOWING)                   #boundedFrame
    ;

number
    : DECIMAL_VALUE                                                              #decimalLiteral
    | DOUBLE_VALUE                                                               #doubleLiteral
    | INTEGER_VALUE                                                              #integerLiteral
    ;

// ---- Types -----------------------------------------------------------------------------
dataType
    : type (nullable=NULL_ | NOT notNull=NULL_)?
    ;

type
    : elementType=type ARRAY                                                     #postfixArrayType
    | ARRAY LT elementType=dataType GT                                           #arrayType
    | MAP LT keyType=dataType COMMA valueType=dataType GT                        #mapType
    | MULTISET LT elementType=dataType GT                                        #multisetType
    | ROW LT (rowField (COMMA rowField)*)? GT                                    #rowType
    | ROW LEFT_PAREN (rowField (COMMA rowField)*)? RIGHT_PAREN                   #rowParenType
    | INTERVAL from=intervalUnit (LEFT_PAREN INTEGER_VALUE RIGHT_PAREN)?
        (TO to=intervalUnit (LEFT_PAREN INTEGER_VALUE RIGHT_PAREN)?)?            #intervalType
    | TIMESTAMP (LEFT_PAREN precision=INTEGER_VALUE RIGHT_PAREN)?
        (WITHOUT TIME ZONE | withLocal=WITH LOCAL TIME ZONE)?                    #timestampType
    | DOUBLE PRECISION?                                                          #doubleType
    | name=identifier (LEFT_PAREN INTEGER_VALUE (COMMA INTEGER_VALUE)* RIGHT_PAREN)? #simpleType
    ;

rowField
    : name=identifier dataType (COMMENT comment=STRING)?
    ;

// ---- Names -----------------------------------------------------------------------------
qualifiedName
    : identifier (DOT identifier)*
    ;

identifier
    : IDENTIFIER                                                                 #unquotedIdentifier
    | QUOTED_IDENTIFIER                                                          #quotedIdentifier
    | BACKQUOTED_IDENTIFIER                                                      #backQuotedIdentifier
    | nonReserved                                                                #nonReservedIdentifier
    ;

// Keywords that stay usable as identifiers (column, table and function names).
nonReserved
    : AFTER | BEGIN | BOTH | CASCADE | CATALOG | CATALOGS | CEIL | CEILING | CHANGES
    | COMMENT | CUBE | CURRENT | DATABASES | DATE | DAY
    | DAYS | DEFINE | DELAY | DESCRIBE | DESCRIPTOR | DOUBLE
    | EMIT | ENFORCED | EXECUTE | EXPLAIN | EXTENDED | FINAL
    | FIRST | FLOOR | FOLLOWING | FUNCTION | FUNCTIONS | GROUPING | HOUR
    | HOURS | IF | KEY | LANGUAGE | LAST | LEADING | LOCAL
    | MATCH | MEASURES | METADATA | MINUTE | MINUTES | MONTH
    | MONTHS | MULTISET | NEXT | NULLS | OF | ONE
    | ORDINALITY | OVERLAY | OVERWRITE | PARTITIONED | PAST | PATTERN | PER
    | PLACING | PLAN | POSITION | PRECEDING | PRECISION | QUERIES | RANGE | REPLACE
    | ROLLUP | ROWS | SECOND | SECONDS | SET | SETS
    | SHOW | SKIP_ | STATEMENT | STREAM | STREAMS | SUBSTRING | SYMMETRIC
    | SYSTEM_TIME | TABLES | TEMPORARY | TIME | TIMESTAMP | TO | TRAILING | TRIM
    | UNBOUNDED | UNKNOWN | USE | VIEW | VIEWS | VIRTUAL
    | WATERMARK | WEEK | WITHOUT | YEAR | YEARS | ZONE
    ;
