<?xml version="1.0" encoding="UTF-8"?>
<!-- OAI-PMH responses as pages for people: adrmeta serve answers /oai with XML for harvesters and
     names this stylesheet in an xml-stylesheet processing instruction, so a browser shows the same
     response as a page. Harvesters ignore it. XSLT 1.0; styled by the served site's own
     assets/site.css (beside /oai), since the server's Content-Security-Policy allows no inline style. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:oai="http://www.openarchives.org/OAI/2.0/"
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                xmlns:ddi="ddi:codebook:2_5"
                exclude-result-prefixes="oai dc ddi">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:variable name="endpoint" select="/oai:OAI-PMH/oai:request"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>OAI-PMH <xsl:value-of select="/oai:OAI-PMH/oai:request/@verb"/> – <xsl:value-of select="$endpoint"/></title>
        <link rel="stylesheet" href="assets/site.css"/>
      </head>
      <body>
        <header class="site"><p class="brand"><a href="{$endpoint}?verb=Identify">OAI-PMH repository</a></p></header>
        <main id="main">
          <h1>
            <xsl:choose>
              <xsl:when test="/oai:OAI-PMH/oai:request/@verb"><xsl:value-of select="/oai:OAI-PMH/oai:request/@verb"/></xsl:when>
              <xsl:otherwise>OAI-PMH response</xsl:otherwise>
            </xsl:choose>
          </h1>
          <p>This is an OAI-PMH 2.0 response, shown as a page. Harvesters read the same address as XML
            (<code><xsl:value-of select="$endpoint"/></code>, answered <xsl:value-of select="/oai:OAI-PMH/oai:responseDate"/>).</p>
          <nav aria-label="Requests" class="browse">
            <ul>
              <li><a href="{$endpoint}?verb=Identify">Identify</a></li>
              <li><a href="{$endpoint}?verb=ListMetadataFormats">Metadata formats</a></li>
              <li><a href="{$endpoint}?verb=ListSets">Sets</a></li>
              <li><a href="{$endpoint}?verb=ListIdentifiers&amp;metadataPrefix=oai_dc">Identifiers</a></li>
              <li><a href="{$endpoint}?verb=ListRecords&amp;metadataPrefix=oai_dc">Records (Dublin Core)</a></li>
            </ul>
          </nav>
          <xsl:apply-templates select="/oai:OAI-PMH/*[not(self::oai:responseDate or self::oai:request)]"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="oai:error">
    <div class="error empty" role="alert">
      <h2>Error: <xsl:value-of select="@code"/></h2>
      <p><xsl:value-of select="."/></p>
    </div>
  </xsl:template>

  <xsl:template match="oai:Identify">
    <h2>About this repository</h2>
    <dl class="facts">
      <xsl:for-each select="oai:*[not(self::oai:description)]">
        <dt><xsl:value-of select="local-name()"/></dt><dd><xsl:value-of select="."/></dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <xsl:template match="oai:ListMetadataFormats">
    <h2>Metadata formats</h2>
    <xsl:for-each select="oai:metadataFormat">
      <div class="record card">
        <h3><xsl:value-of select="oai:metadataPrefix"/></h3>
        <dl class="facts">
          <dt>Schema</dt><dd><xsl:value-of select="oai:schema"/></dd>
          <dt>Namespace</dt><dd><xsl:value-of select="oai:metadataNamespace"/></dd>
          <dt>Records</dt><dd><a href="{$endpoint}?verb=ListRecords&amp;metadataPrefix={oai:metadataPrefix}">List records in <xsl:value-of select="oai:metadataPrefix"/></a></dd>
        </dl>
      </div>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="oai:ListSets">
    <h2>Sets</h2>
    <ul>
      <xsl:for-each select="oai:set">
        <li><a href="{$endpoint}?verb=ListIdentifiers&amp;metadataPrefix=oai_dc&amp;set={oai:setSpec}"><xsl:value-of select="oai:setName"/></a>
          (<code><xsl:value-of select="oai:setSpec"/></code>)</li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="oai:ListIdentifiers">
    <h2>Identifiers</h2>
    <ul>
      <xsl:for-each select="oai:header">
        <li><a href="{$endpoint}?verb=GetRecord&amp;metadataPrefix=oai_dc&amp;identifier={oai:identifier}"><xsl:value-of select="oai:identifier"/></a>
          (<xsl:if test="@status = 'deleted'">deleted </xsl:if>changed <xsl:value-of select="oai:datestamp"/>)</li>
      </xsl:for-each>
    </ul>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <xsl:template match="oai:ListRecords|oai:GetRecord">
    <h2>Records</h2>
    <xsl:apply-templates select="oai:record"/>
    <xsl:apply-templates select="oai:resumptionToken"/>
  </xsl:template>

  <xsl:template match="oai:record">
    <div class="record card">
      <h3>
        <xsl:choose>
          <xsl:when test=".//dc:title"><xsl:value-of select=".//dc:title"/></xsl:when>
          <xsl:when test=".//ddi:titl"><xsl:value-of select=".//ddi:titl"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="oai:header/oai:identifier"/></xsl:otherwise>
        </xsl:choose>
      </h3>
      <dl class="facts">
        <dt>Identifier</dt><dd><xsl:value-of select="oai:header/oai:identifier"/></dd>
        <dt>Changed</dt><dd><xsl:value-of select="oai:header/oai:datestamp"/></dd>
        <xsl:if test="oai:header/@status = 'deleted'"><dt>Status</dt><dd>deleted: withdrawn from the catalogue</dd></xsl:if>
        <xsl:for-each select="oai:metadata//dc:*[not(self::dc:title)]">
          <dt><xsl:value-of select="local-name()"/></dt><dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:if test="oai:metadata//ddi:abstract">
          <dt>abstract</dt><dd><xsl:value-of select="(oai:metadata//ddi:abstract)[1]"/></dd>
        </xsl:if>
      </dl>
      <p>
        <a href="{$endpoint}?verb=GetRecord&amp;metadataPrefix=oai_dc&amp;identifier={oai:header/oai:identifier}">Dublin Core</a>
        · <a href="{$endpoint}?verb=GetRecord&amp;metadataPrefix=oai_ddi25&amp;identifier={oai:header/oai:identifier}">DDI Codebook 2.5</a>
      </p>
    </div>
  </xsl:template>

  <xsl:template match="oai:resumptionToken">
    <xsl:if test="string(.)">
      <p><a href="{$endpoint}?verb={/oai:OAI-PMH/oai:request/@verb}&amp;resumptionToken={.}">Next page</a>
        (<xsl:value-of select="@completeListSize"/> in all)</p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
